from django.db import models
from django.urls import reverse


class Category(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Article(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=255)
    slug = models.SlugField(unique=True)
    summary = models.TextField(blank=True)
    body = models.TextField()  # HTML, cleaned when saved
    date = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("article", args=[self.category.slug, self.slug])

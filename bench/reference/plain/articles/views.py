"""Three queries an article: the article with its category, the latest five others, the menu."""

from django.shortcuts import get_object_or_404, render

from .models import Article, Category


def article_detail(request, category, slug):
    article = get_object_or_404(Article.objects.select_related("category"), category__slug=category, slug=slug)
    latest = Article.objects.select_related("category").exclude(pk=article.pk).only(
        "title", "slug", "date", "category__slug")[:5]
    return render(request, "article.html", {
        "article": article, "latest": latest, "categories": Category.objects.all(),
    })


def article_list(request, category=None):
    articles = Article.objects.select_related("category")
    if category:
        articles = articles.filter(category__slug=category)
    return render(request, "list.html", {"articles": articles[:20], "categories": Category.objects.all()})

from django import forms

from .text import vn_slugify


class VietnameseSlugField(forms.SlugField):
    """A slug box that takes what staff type and keeps it as the server would make it:
    "Cụm thi đua số 2" or "Cum-Thi-Dua-So-2" is stored as `cum-thi-dua-so-2`.

    Empty stays empty, so the model (or ServerSlugAdminMixin) makes the slug from the name."""

    def to_python(self, value):
        return vn_slugify(super().to_python(value), max_length=self.max_length)

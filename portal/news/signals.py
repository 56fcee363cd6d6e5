from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import selectors
from .models import Link, LinkGroup, SiteProfile


@receiver([post_save, post_delete], sender=SiteProfile)
@receiver([post_save, post_delete], sender=LinkGroup)
@receiver([post_save, post_delete], sender=Link)
def forget_site_context(**kwargs):
    selectors.site_context_clear()

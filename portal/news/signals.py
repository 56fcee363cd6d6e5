from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import selectors
from .models import Article, ArticlePhoto, Category, Link, LinkGroup, SiteProfile


@receiver([post_save, post_delete], sender=SiteProfile)
@receiver([post_save, post_delete], sender=LinkGroup)
@receiver([post_save, post_delete], sender=Link)
def forget_site_context(**kwargs):
    selectors.site_context_clear()


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=ArticlePhoto)
@receiver([post_save, post_delete], sender=Category)
def forget_home(**kwargs):
    selectors.home_context_clear()


# The home page also lists other apps' records; a change to any of them clears it as well.
HOME_SOURCES = [("clusters", "Cluster"), ("clusters", "ClusterYear"), ("clusters", "ClusterMember"),
                ("meetings", "Meeting"), ("awards", "Decision")]


def connect_home_sources():
    for app_label, model_name in HOME_SOURCES:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        post_save.connect(forget_home, sender=model, dispatch_uid=f"news-home-{app_label}-{model_name}-save")
        post_delete.connect(forget_home, sender=model, dispatch_uid=f"news-home-{app_label}-{model_name}-delete")
    m2m_changed.connect(forget_home, sender=Article.decisions.through, dispatch_uid="news-home-decisions")


connect_home_sources()

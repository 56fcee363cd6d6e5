"""Permission names in the language of the page. Django stores them in English in the database
("Can add award class") and the admin's permission pickers show them as stored; the staff who
grant rights read Vietnamese. The label is rebuilt from the model's translated names instead."""

from django.utils.text import capfirst
from django.utils.translation import pgettext

DEFAULT_ACTIONS = {
    "add": lambda model: pgettext("permission", "Can add %(model)s") % {"model": model},
    "change": lambda model: pgettext("permission", "Can change %(model)s") % {"model": model},
    "delete": lambda model: pgettext("permission", "Can delete %(model)s") % {"model": model},
    "view": lambda model: pgettext("permission", "Can view %(model)s") % {"model": model},
}


def permission_label(permission) -> str:
    """"App | model | what it allows", translated; the stored name when the model is gone."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    meta = model._meta
    action, _sep, model_name = permission.codename.partition("_")
    if model_name == meta.model_name and action in DEFAULT_ACTIONS:
        name = DEFAULT_ACTIONS[action](meta.verbose_name)
    else:
        name = next((str(label) for code, label in meta.permissions if code == permission.codename),
                    permission.name)
    return f"{capfirst(meta.app_config.verbose_name)} | {capfirst(meta.verbose_name)} | {name}"


class TranslatedPermissionsMixin:
    """For a ModelAdmin with a many-to-many to Permission (users, groups)."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model._meta.label == "auth.Permission":
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field

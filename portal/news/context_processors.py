from django.utils.functional import SimpleLazyObject

from . import navigation, selectors


def site(request):
    data = selectors.site_context()
    return {
        "site_profile": data["profile"],
        "link_groups": data["link_groups"],
        # built only if the page's template shows it
        "main_menu": SimpleLazyObject(lambda: navigation.main_menu(request.path)),
        # what the rendered menu (a cached part of the page) varies by
        "main_menu_section": SimpleLazyObject(lambda: navigation.active_section(request.path)),
    }

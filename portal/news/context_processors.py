from . import navigation, selectors


def site(request):
    data = selectors.site_context()
    return {
        "site_profile": data["profile"],
        "link_groups": data["link_groups"],
        "main_menu": navigation.main_menu(request.path),
    }

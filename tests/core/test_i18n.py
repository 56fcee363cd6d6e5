from django.core.management import call_command


def test_every_catalog_is_translated_and_compiled():
    # Fails when a .po has an untranslated or fuzzy entry, or its .mo says something else.
    call_command("i18n", "check")


def test_vietnamese_admin_labels_come_from_our_catalog():
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("vi"):
        assert gettext("Emulation clusters") == "Cụm, khối thi đua"

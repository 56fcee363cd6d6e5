"""A list filter with a chosen default: the admin's lists open on the rows people work with
(units still existing, records in use, names not yet linked), the others one click away."""

from django.contrib import admin


class DefaultListFilter(admin.SimpleListFilter):
    default = None  # the lookup shown when the URL names none

    def current(self):
        return self.value() or self.default

    def choices(self, changelist):
        current = self.current()
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

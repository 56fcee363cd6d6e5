"""What waits for a reviewer, for pages the back office does not render itself (the admin's
index links to the reviewer's home with this count)."""

from django import template

from backoffice import roles, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_for_review(context) -> int | None:
    """How many records wait for the signed-in reviewer; None for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not roles.is_reviewer(user):
        return None
    return selectors.waiting_count(user)

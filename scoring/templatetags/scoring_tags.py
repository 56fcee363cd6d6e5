"""The cluster page's rank chart ({% scoring_rank_chart cluster %}) and points as the province
writes them ({{ total|points }}: 97, 97,5)."""

from decimal import Decimal

from django import template

from ..charts import rank_chart
from ..public_selectors import rank_history

register = template.Library()


@register.inclusion_tag("scoring/_rank_chart.html")
def scoring_rank_chart(cluster):
    """Each member's rank over the years, two queries whatever the members and years."""
    history = rank_history(cluster)
    return {"cluster": cluster, "history": history, "chart": rank_chart(history) if history.years else None}


@register.filter
def points(value) -> str:
    if value in (None, ""):
        return ""
    value = Decimal(value).quantize(Decimal("0.01"))
    if value == value.to_integral():
        return f"{value.to_integral():f}"
    return f"{value:f}".rstrip("0").replace(".", ",")

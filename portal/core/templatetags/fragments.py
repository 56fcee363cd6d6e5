"""{% fragment "name" key… %}…{% endfragment %}: a part of a page kept as rendered HTML until the
records change (portal.core.fragments). The keys say what the part shows (an object's id, the
query string of a list); the language, the host and the data version are added."""

from django import template
from django.utils.safestring import mark_safe

from portal.core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        return mark_safe(fragments.render(context, name, parts, lambda: self.nodelist.render(context)))  # noqa: S308


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment \"name\" key… %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])

"""Every refusal or warning has a stable rule code and names its basis; the rules' data carries its
legal basis per row (article and clause); docs/rules.md lists every code the services can emit."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from awards.models import AwardRule, Standard
from awards.rules import RULES
from awards.services import ConfirmationRequired

from .conftest import collective, individual

pytestmark = pytest.mark.django_db

DOC = Path(settings.BASE_DIR) / "docs" / "rules.md"
ARTICLE = re.compile(r"Điều \d+")


def _emitted_codes() -> set[str]:
    """The codes of the rule module, and those of the Standard rows the migrations load (the flag's
    situations suffix its code)."""
    codes = set(RULES)
    for code, kind in Standard.objects.values_list("code", "kind"):
        codes |= {c for c in RULES if c.startswith(f"{code}.")} if kind == "leads_cluster" else {code}
    return codes


def test_docs_rules_lists_every_rule_code_the_services_can_emit():
    text = DOC.read_text(encoding="utf-8")
    missing = sorted(code for code in _emitted_codes() if f"`{code}`" not in text)
    assert not missing, f"docs/rules.md does not list {missing}"
    for number in range(1, 13):
        assert re.search(rf"^\| R{number}\b", text, re.MULTILINE), f"R{number} has no row in docs/rules.md"


def test_docs_rules_names_tests_that_exist():
    text = DOC.read_text(encoding="utf-8")
    root = Path(settings.BASE_DIR) / "tests"
    sources = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("test_*.py"))
    for name in set(re.findall(r"`(test_[a-zA-Z0-9_]+)`", text)):
        assert f"def {name}(" in sources, f"docs/rules.md names {name}, which no test defines"


def test_every_rule_row_names_its_article():
    for basis in [*AwardRule.objects.values_list("legal_basis", flat=True),
                  *Standard.objects.values_list("legal_basis", flat=True)]:
        assert ARTICLE.search(basis), basis
    for basis in AwardRule.objects.exclude(cash_multiplier=None).values_list("cash_legal_basis", flat=True):
        assert ARTICLE.search(basis), basis


def test_every_refusal_and_warning_carries_its_code_and_names_its_basis(issue, awards, people, units, roles):
    with pytest.raises(ValidationError) as refused:  # the district chair lacks the power; a class where none is
        issue([individual(people["hoa"], awards["provincial_certificate"],
                          award_class=awards["order_labour"].classes.first())],
              issuer_role=roles["district_chair"], issuer_unit=units["ubnd_huyen"])
    for message in refused.value.messages:
        code = re.search(r"quy tắc ([\w.-]+)", message).group(1)
        assert code in RULES, message
        assert "căn cứ:" in message and ARTICLE.search(message), message
    with pytest.raises(ConfirmationRequired) as asked:
        issue([collective(units["village"], awards["advanced_labour_collective"])], achievement_year=2017,
              signed_on=datetime.date(2017, 12, 1), issuer_role=roles["unit_head"], issuer_unit=units["department"])
    for warning in asked.value.warnings:
        assert warning.code in _emitted_codes()
        assert warning.code in str(warning)
    standard = next(w for w in asked.value.warnings if w.code == "R6.ttldtt-share")
    assert "Điều 28" in standard.basis and standard.basis in str(standard)

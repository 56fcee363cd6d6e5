"""Sample nomination dossiers for the demo, played through the services as the people themselves
(locbinh, vanlang, so.noivu), so every state and step is one the site itself writes. All are
marked as sample data. Among them: a draft of Lộc Bình that only `locbinh` and staff may see, and
a public consultation open on the day the demo is loaded (its dates are set from that day, and
moved again on each load). It lives here, beside the demo accounts it needs, because the
nominations app loads its demo before the back office creates them."""

import datetime

from django.utils import timezone

from awards.models import Award, AwardClass, Decision, IssuerRole, Movement
from clusters.models import Person, Unit
from nominations import services
from nominations.models import (
    ConcurrenceAnswer,
    ConcurrenceOffice,
    ConcurrenceRequest,
    Consultation,
    Dossier,
    DossierEvent,
    DossierKind,
    DossierState,
    EmulationOffice,
    EmulationStaffer,
    NomineeLine,
    OfficeKind,
    TrainingLevel,
)
from nominations.workdays import consultation_period
from portal.core.text import fold

DRAFT_MARK = "Hồ sơ nháp của huyện Lộc Bình"
CONSULTATION_SLUG = "lay-y-kien-de-nghi-bang-khen-thu-tuong-mau"
MOVEMENT = "Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới"


def load(*, stdout, users):
    today = timezone.localdate()
    if Dossier.objects.filter(is_sample=True, summary__startswith=DRAFT_MARK).exists():
        _reopen_consultation(today)
        return
    staff, locbinh, vanlang = users["so.noivu"], users["locbinh"], users["vanlang"]
    units = {u.slug: u for u in Unit.objects.filter(slug__in=[
        "huyen-loc-binh", "huyen-van-lang", "huyen-trang-dinh", "huyen-cao-loc", "ubnd-tinh-lang-son",
        "ban-thi-dua-khen-thuong"])}
    movement = Movement.objects.filter(search_text=fold(MOVEMENT)).first()
    year = today.year
    common = {"addressed_unit": units["ubnd-tinh-lang-son"], "is_sample": True}

    # a draft of Lộc Bình: nobody but locbinh and staff ever sees it
    draft = services.dossier_create(
        user=locbinh, unit=units["huyen-loc-binh"], movement=movement, kind=DossierKind.REGULAR,
        achievement_year=year, memo_signer="Phó Chủ tịch UBND huyện Lộc Bình",
        summary=f"{DRAFT_MARK}: đề nghị Chủ tịch UBND tỉnh tặng Bằng khen năm {year} (chưa gửi)", **common)
    _line(draft, locbinh, "Hoàng Văn Thắng", "provincial_certificate", title="Trưởng thôn Nà Pàn",
          unit="xã Tú Đoạn, huyện Lộc Bình", category="direct_worker", gender="male")
    _line(draft, locbinh, "Lăng Thị Mai", "provincial_certificate", title="Giáo viên",
          unit="Trường Tiểu học thị trấn Lộc Bình", gender="female")

    # Văn Lãng has submitted; the office has not received it yet
    submitted = services.dossier_create(
        user=vanlang, unit=units["huyen-van-lang"], movement=movement, kind=DossierKind.THEMATIC,
        achievement_year=year, memo_number="112/TTr-UBND", memo_date=today - datetime.timedelta(days=6),
        memo_signer="Chủ tịch UBND huyện Văn Lãng",
        summary=f"Đề nghị tặng Bằng khen cho tập thể, cá nhân có thành tích trong phong trào “{MOVEMENT}”",
        **common)
    _line(submitted, vanlang, "Nông Văn Sáng", "provincial_certificate", title="Nông dân",
          unit="xã Hoàng Văn Thụ, huyện Văn Lãng", category="direct_worker", gender="male")
    services.dossier_submit(user=vanlang, dossier=submitted, confirm=True)

    # Văn Lãng's earlier dossier, returned: one achievement report lacks its confirmation
    returned = services.dossier_create(
        user=vanlang, unit=units["huyen-van-lang"], kind=DossierKind.REGULAR, achievement_year=year,
        memo_number="98/TTr-UBND", memo_date=today - datetime.timedelta(days=20),
        memo_signer="Chủ tịch UBND huyện Văn Lãng", summary=f"Đề nghị tặng Bằng khen năm {year}", **common)
    weak = _line(returned, vanlang, "Hoàng Thị Lan", "provincial_certificate", title="Chủ tịch Hội Phụ nữ xã",
                 unit="xã Tân Mỹ, huyện Văn Lãng", gender="female")
    services.dossier_submit(user=vanlang, dossier=returned, confirm=True)
    services.dossier_step(user=staff, dossier=returned, to_state=DossierState.RECEIVED)
    services.dossier_step(user=staff, dossier=returned, to_state=DossierState.RETURNED,
                          reason="Báo cáo thành tích chưa có xác nhận của cấp trình.",
                          line_notes={weak.pk: "Bổ sung báo cáo thành tích có xác nhận của UBND xã."})

    # Tràng Định's paper dossier, under appraisal, with a state award nominee in public consultation
    paper = services.dossier_create(
        user=staff, unit=units["huyen-trang-dinh"], kind=DossierKind.REGULAR, achievement_year=year,
        memo_number="75/TTr-UBND", memo_date=today - datetime.timedelta(days=25),
        memo_signer="Chủ tịch UBND huyện Tràng Định",
        summary="Đề nghị Thủ tướng Chính phủ tặng Bằng khen (hồ sơ giấy)", **common)
    nominee = _line(paper, staff, "Lương Văn Khoa", "prime_minister_certificate", title="Bí thư Chi bộ thôn",
                    unit="xã Đề Thám, huyện Tràng Định", category="direct_worker", gender="male",
                    summary="Mười năm liền vận động nhân dân hiến đất làm đường, xây dựng thôn đạt chuẩn nông "
                            "thôn mới kiểu mẫu.")
    services.dossier_submit(user=staff, dossier=paper, confirm=True)
    services.dossier_step(user=staff, dossier=paper, to_state=DossierState.RECEIVED)
    services.dossier_step(user=staff, dossier=paper, to_state=DossierState.APPRAISAL)
    services.line_appraise(user=staff, line=nominee, meets_standards=True,
                           note="Đủ tiêu chuẩn; chờ kết quả lấy ý kiến nhân dân.")
    ConcurrenceRequest.objects.create(
        dossier=paper, line=nominee, office=ConcurrenceOffice.POLICE, office_name="Công an tỉnh Lạng Sơn",
        sent_on=today - datetime.timedelta(days=15), reference="1203/SNV-TĐKT", answer=ConcurrenceAnswer.AGREED,
        answered_on=today - datetime.timedelta(days=8), answer_text="Không có vi phạm pháp luật.")
    ConcurrenceRequest.objects.create(
        dossier=paper, line=nominee, office=ConcurrenceOffice.TAX, office_name="Thuế tỉnh Lạng Sơn",
        sent_on=today - datetime.timedelta(days=15), reference="1204/SNV-TĐKT")
    services.consultation_open(
        user=staff, title="Lấy ý kiến nhân dân đối với đề nghị tặng Bằng khen của Thủ tướng Chính phủ",
        slug=CONSULTATION_SLUG, lines=[nominee], published_on=today, is_sample=True,
        intro="Sở Nội vụ tỉnh Lạng Sơn công bố danh sách đề nghị khen thưởng cấp Nhà nước để lấy ý kiến nhân dân "
              "trước khi trình Hội đồng Thi đua - Khen thưởng tỉnh.")

    # Cao Lộc's dossier of last year: the council voted, one line failed, the rest were decided
    decided = services.dossier_create(
        user=staff, unit=units["huyen-cao-loc"], movement=movement, kind=DossierKind.REGULAR,
        achievement_year=year - 1, memo_number="140/TTr-UBND", memo_date=datetime.date(year - 1, 12, 2),
        memo_signer="Chủ tịch UBND huyện Cao Lộc",
        summary=f"Đề nghị tặng Bằng khen năm {year - 1} (hồ sơ giấy)", **common)
    approved = [
        _line(decided, staff, "Vi Văn Toàn", "provincial_certificate", title="Nông dân", unit="xã Thụy Hùng",
              category="direct_worker", gender="male"),
        _line(decided, staff, "Hoàng Thị Thu", "provincial_certificate", title="Hiệu trưởng",
              unit="Trường THCS xã Tân Liên", gender="female"),
    ]
    refused = _line(decided, staff, "Lộc Văn Hùng", "provincial_certificate", title="Phó Chủ tịch UBND xã",
                    unit="xã Gia Cát")
    services.dossier_submit(user=staff, dossier=decided, confirm=True)
    for step in (DossierState.RECEIVED, DossierState.APPRAISAL, DossierState.COUNCIL):
        services.dossier_step(user=staff, dossier=decided, to_state=step)
    voted_on = today - datetime.timedelta(days=12)
    for line in approved:
        services.vote_record(user=staff, line=line, voted_on=voted_on, members_total=15, members_present=13,
                             votes_for=12, written_votes=1)
    services.vote_record(user=staff, line=refused, voted_on=voted_on, members_total=15, members_present=13,
                         votes_for=6, written_votes=1)
    services.dossier_step(user=staff, dossier=decided, to_state=DossierState.VOTED)
    decision = services.decision_draft(
        user=staff, lines=approved, issuer_role=IssuerRole.objects.get(code="provincial_chair"),
        issuer_unit=units["ubnd-tinh-lang-son"], subject_line=f"Về việc tặng Bằng khen của Chủ tịch UBND tỉnh "
                                                               f"cho cá nhân có thành tích năm {year - 1}",
        signer_name="Đoàn Thu Hà", signer_title="Phó Chủ tịch")
    services.decision_sign(user=staff, decision=decision, number=9101, symbol="QĐ-UBND",
                           signed_on=today - datetime.timedelta(days=5), confirm=True)
    Decision.objects.filter(pk=decision.pk).update(is_published=True, is_sample=True)
    _cite_library(decision)
    _backdate(decided, start=datetime.datetime(year - 1, 12, 3, 8, 0), end=decision.signed_on)
    Person.objects.filter(nominations__dossier__is_sample=True).update(is_sample=True)
    _register()
    stdout.write("backoffice: sample nomination dossiers and an open public consultation")


def _line(dossier, user, name, award_code, *, title="", unit="", category="", gender="", summary=""):
    award = Award.objects.get(code=award_code)
    line = NomineeLine(
        dossier=dossier, subject_type="individual", name_text=name, title_text=title, unit_text=unit,
        person_category=category, gender=gender, award=award,
        award_class=AwardClass.objects.filter(award=award).first() if award.has_classes else None,
        achievement_summary=summary or "Hoàn thành xuất sắc nhiệm vụ được giao, tích cực trong phong trào thi đua.")
    services.line_save(user=user, line=line)
    return line


def _backdate(dossier, *, start, end):
    """Last year's dossier was submitted last year: its steps are spread from then to the signing."""
    start = timezone.make_aware(start)
    finish = timezone.make_aware(datetime.datetime.combine(end, datetime.time(15, 0)))
    events = list(dossier.events.order_by("at", "id"))
    span = (finish - start) / max(len(events) - 1, 1)
    for index, event in enumerate(events):
        DossierEvent.objects.filter(pk=event.pk).update(at=start + span * index)
    Dossier.objects.filter(pk=dossier.pk).update(submitted_at=start, first_submitted_at=start, decided_at=finish,
                                                 is_late=False)


def _cite_library(decision):
    """The decision cites the law and decree in force on its signing day, as the awards demo's do."""
    from awards.demo import _DECREES, _LAWS, _in_force
    from documents.models import Document

    decision.refresh_from_db()
    slugs = [_in_force(_LAWS, decision.signed_on), _in_force(_DECREES, decision.signed_on)]
    decision.legal_bases.add(*Document.objects.filter(slug__in=slugs))


def _reopen_consultation(today):
    """A second load moves the sample consultation so that it is open on the day of loading."""
    starts_on, ends_on = consultation_period(today)
    Consultation.objects.filter(slug=CONSULTATION_SLUG).update(published_on=today, starts_on=starts_on,
                                                               ends_on=ends_on)


def _register():
    """The province's emulation office and its staff, for forms 0604 and 0605 (sample data)."""
    if EmulationOffice.objects.exists():
        return
    office = EmulationOffice.objects.create(
        name="Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn", kind=OfficeKind.HOME_AFFAIRS_DIVISION,
        unit=Unit.objects.filter(slug="ban-thi-dua-khen-thuong").first())
    for name, gender, born, level, since in [
        ("Nguyễn Thị Hằng", "female", 1980, TrainingLevel.MASTER, 2008),
        ("Hoàng Văn Nam", "male", 1988, TrainingLevel.UNIVERSITY, 2015),
        ("Lý Thị Huyền", "female", 1995, TrainingLevel.UNIVERSITY, 2021),
    ]:
        EmulationStaffer.objects.create(office=office, full_name=name, gender=gender, birth_year=born,
                                        training_level=level, in_field_since=since)

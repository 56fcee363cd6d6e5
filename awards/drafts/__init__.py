"""Drafts of a commendation decision in the official format (Nghị định 30/2020/NĐ-CP, Phụ lục I),
as DOCX and PDF, for staff to download, correct in Word if they must, have signed, and upload
back as the decision's scan.

One description of the page (`layout`: blocks of paragraphs made of styled runs, and tables) is
built from a decision by `decision.decision_layout`; the two renderers (`render_docx`,
`render_pdf`) only translate it, so the DOCX and the PDF cannot say different things. No office
suite runs on the server."""

"""Object storage keeps the download protections of the local disk (portal/core/s3.py)."""

from urllib.parse import parse_qs, urlsplit

from portal.core.s3 import ProtectedS3Storage


def storage(**options):
    return ProtectedS3Storage(bucket_name="cong", endpoint_url="http://127.0.0.1:9", access_key="k",
                              secret_key="s", region_name="us-east-1", addressing_style="path", **options)


def test_a_public_document_is_stored_as_an_attachment_and_an_image_displays():
    s = storage(querystring_auth=False)
    document = s.get_object_parameters("public/documents/abc.pdf")
    assert document["ContentType"] == "application/pdf"
    assert document["ContentDisposition"].startswith("attachment")
    image = s.get_object_parameters("public/photos/abc.jpg")
    assert image["ContentType"] == "image/jpeg" and "ContentDisposition" not in image
    # anything the browser might run is a download of no particular type
    page = s.get_object_parameters("public/documents/abc.html")
    assert page["ContentType"] == "application/octet-stream" and "ContentDisposition" in page


def test_a_signed_private_address_asks_for_the_download_name_and_type():
    s = storage(querystring_auth=True, querystring_expire=60)
    url = s.signed_download_url("private/x/abc.pdf", filename="Quyết định 123.pdf", attachment=True)
    query = parse_qs(urlsplit(url).query)
    assert query["response-content-type"] == ["application/pdf"]
    assert "attachment" in query["response-content-disposition"][0]
    assert "Quy%E1%BA%BFt" in query["response-content-disposition"][0]

"""E-mail: every field of the report, and each body the reader takes or refuses."""

from __future__ import annotations

import pytest

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, read
from corroborate.model import Report
from tests.builders import EMAIL

WITH_ATTACHMENTS = (
    "From: Press Office <press@example.org>\r\n"
    "To: desk@example.net\r\n"
    "Organization: Regional Administration\r\n"
    "Subject: Shelling report\r\n"
    "Date: Sat, 09 Apr 2022 08:00:00 +0000\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/mixed; boundary="b"\r\n'
    "\r\n"
    "--b\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>The HTML part is not chosen while a plain part exists.</p>\r\n"
    "--b\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Two houses burned on the main street.\r\n"
    "--b\r\n"
    "Content-Type: image/jpeg\r\n"
    'Content-Disposition: attachment; filename="street.jpg"\r\n'
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "AAAA\r\n"
    "--b\r\n"
    "Content-Type: application/pdf\r\n"
    "Content-Disposition: attachment\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "AAAA\r\n"
    "--b--\r\n"
)


def blob(name: str, data: str) -> Blob:
    raw = data.encode("utf-8")
    return Blob(digest_bytes(raw), name, raw)


def refused(data: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read(blob("m.eml", data))
    return caught.value


def test_every_field_of_a_plain_message() -> None:
    source = blob("m.eml", EMAIL)
    [report] = read(source).reports
    assert report == Report(
        blob_id=source.blob_id,
        item="",
        source_name="m.eml",
        media_type="message/rfc822",
        text="The spokesperson said the station in Kramatorsk was struck in the morning.",
        title="Statement on Kramatorsk",
        published="2022-04-08T10:15:00+03:00",
        author="Press Office",
        meta=(("to", "desk@example.net"),),
    )


def test_the_plain_part_organization_and_attachment_names() -> None:
    [report] = read(blob("m.eml", WITH_ATTACHMENTS)).reports
    assert report.text == "Two houses burned on the main street."
    assert (report.title, report.published, report.author, report.outlet) == (
        "Shelling report",
        "2022-04-09T08:00:00+00:00",
        "Press Office",
        "Regional Administration",
    )
    assert report.meta == (
        ("to", "desk@example.net"),
        ("attachment", "street.jpg"),
        ("attachment", "unnamed"),
    )


def test_an_html_only_message_is_read_through_the_html_extractor() -> None:
    paragraph = "Residents said the bridge was destroyed before noon on Sunday. " * 3
    data = (
        "Subject: Bridge\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"<html><body><article><p>{paragraph.strip()}</p></article></body></html>\r\n"
    )
    [report] = read(blob("m.eml", data)).reports
    assert report.text == paragraph.strip()
    assert (report.author, report.published, report.outlet, report.meta) == (None, None, None, ())


def test_an_html_body_with_no_main_text_has_no_text() -> None:
    data = "Subject: Empty\r\nContent-Type: text/html\r\n\r\n<html><body></body></html>\r\n"
    error = refused(data)
    assert (error.code, error.message) == ("I010", "no text found in e-mail body")


def test_line_breaks_of_an_encoded_body_become_newlines() -> None:
    # "First line.\r\nSecond line." in base64: the CR survives the decoding
    data = (
        "Subject: Lines\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nRmlyc3QgbGluZS4NClNlY29uZCBsaW5lLg==\r\n"
    )
    [report] = read(blob("m.eml", data)).reports
    assert report.text == "First line.\nSecond line."


@pytest.mark.parametrize(
    ("sender", "author"),
    [
        ("From: <office@example.org>", "office@example.org"),
        ('From: "  Desk  " <desk@example.org>', "Desk"),
        ("From: Press Office <press@example.org>", "Press Office"),
        ("From: Press: office@example.org;", "office@example.org"),  # not the whole group
    ],
)
def test_the_sender_is_the_display_name_else_the_address(sender: str, author: str) -> None:
    [report] = read(blob("m.eml", EMAIL.replace(EMAIL.split("\r\n")[0], sender))).reports
    assert report.author == author


def test_an_unreadable_date_is_left_out() -> None:
    data = EMAIL.replace("Fri, 08 Apr 2022 10:15:00 +0300", "the day before yesterday")
    [report] = read(blob("m.eml", data)).reports
    assert report.published is None


def test_a_message_with_only_attachments_is_refused() -> None:
    data = (
        'Subject: Photos\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment\r\n\r\nAAAA\r\n"
        "--b--\r\n"
    )
    error = refused(data)
    assert (error.code, error.message) == ("I010", "e-mail has no text or HTML body")


def test_a_body_in_an_unknown_charset_is_refused() -> None:
    error = refused("Subject: x\r\nContent-Type: text/plain; charset=no-such-set\r\n\r\nWords.\r\n")
    assert (error.code, error.message) == ("I008", "undecodable e-mail body (LookupError)")


def test_bytes_without_any_mail_header_are_not_an_e_mail() -> None:
    error = refused("X-Note: hello\r\n\r\nWords.\r\n")
    assert (error.code, error.message) == (
        "I008",
        "not an e-mail (no From, Subject, Date or Message-ID header)",
    )


@pytest.mark.parametrize("header", ["From: a@example.org", "Date: x", "Message-ID: <1@x>"])
def test_any_one_mail_header_makes_an_e_mail(header: str) -> None:
    [report] = read(blob("m.eml", f"{header}\r\n\r\nWords of the message.\r\n")).reports
    assert report.text == "Words of the message."


def test_readers_comments_under_an_html_message_are_left_out() -> None:
    paragraph = "Residents said the bridge was destroyed before noon on Sunday. " * 3
    data = (
        "Subject: Bridge\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"<html><body><article><p>{paragraph.strip()}</p></article>"
        '<div id="comments" class="comments"><div class="comment"><p>A reader wrote that '
        "this comment should never be part of the report text at all.</p></div></div>"
        "</body></html>\r\n"
    )
    [report] = read(blob("m.eml", data)).reports
    assert report.text == paragraph.strip()

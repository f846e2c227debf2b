"""Builders for well-formed test documents in every ingestible format."""

from __future__ import annotations

import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def pdf_bytes(lines: list[str], *, title: str = "Briefing") -> bytes:
    """A minimal valid PDF with a real text layer, one line per text row."""
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (" + title.encode("latin-1") + b") /Author (Test Desk) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def html_page(title: str, paragraphs: list[str], *, date: str = "2022-04-08") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{date}">'
        f'<meta property="og:site_name" content="Test Wire"></head>'
        f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>All rights reserved. Subscribe to our newsletter.</footer></body></html>"
    )


def warc_bytes(pages: dict[str, str], *, compress: bool = True) -> bytes:
    """A WARC file holding one HTTP response record per ``{url: html}``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, html in pages.items():
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def gzip_bomb(expanded_mb: int) -> bytes:
    """Gzip that expands a thousandfold: zeros, megabyte by megabyte."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as gz:
        block = b"\0" * (1 << 20)
        for _ in range(expanded_mb):
            gz.write(block)
    return buffer.getvalue()


EMAIL = (
    "From: Press Office <press@example.org>\r\n"
    "To: desk@example.net\r\n"
    "Subject: Statement on Kramatorsk\r\n"
    "Date: Fri, 08 Apr 2022 10:15:00 +0300\r\n"
    "Message-ID: <abc@example.org>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "The spokesperson said the station in Kramatorsk was struck in the morning.\r\n"
)

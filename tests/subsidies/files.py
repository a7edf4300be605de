"""Small PDFs made in the test: a real one, and files that only pretend."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter


def pdf(name: str = "receipts.pdf", pages: int = 1) -> SimpleUploadedFile:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def locked_pdf(name: str = "locked.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    out = BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def fake_pdf(name: str = "receipts.pdf") -> SimpleUploadedFile:
    """Starts like a PDF, and is not one."""
    return SimpleUploadedFile(
        name, b"%PDF-1.7\n<script>alert(1)</script>\n" * 20, content_type="application/pdf"
    )


def html_named_pdf(name: str = "receipts.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"<html><script>alert(1)</script></html>", "application/pdf")

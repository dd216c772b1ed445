"""Helpers for the attendance tests: posting rows like the entry page does, reading PDFs."""

import io

from pypdf import PdfReader


def baris(*rows, prefix="baris"):
    """rows: dicts of one attendance row each -> POST data of the entry formset."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)

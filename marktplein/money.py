"""Amounts of money: Decimals in euros, printed as the reader's language writes them."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, numberformat

CENT = Decimal("0.01")


def euros(value) -> Decimal:
    """A Decimal rounded to whole cents (never a float on the way)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(value) -> str:
    """`€ 1.250,00` in Dutch, `€ 1,250.00` in English (the active language)."""
    if value is None or value == "":
        return ""
    number = numberformat.format(
        euros(value),
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=2,
        grouping=3,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
    if number.startswith("-"):
        return f"\u2212\u00a0€\u00a0{number[1:]}"
    return f"€\u00a0{number}"

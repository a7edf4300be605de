"""`{{ amount|money }}`: € 1.250,00 in Dutch, € 1,250.00 in English."""

from django import template

from marktplein.money import format_money

register = template.Library()


@register.filter
def money(value) -> str:
    return format_money(value)

"""Smart paste: turn the text of a business card or an email signature into contact fields."""

from netdesk.core.cardparse.parse import ParsedCard, parse_card_text

__all__ = ["ParsedCard", "parse_card_text"]

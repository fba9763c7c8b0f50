"""Smart paste: turn the text of a business card or an email signature into contact fields.

Pure heuristics over lines of text, standard library plus ``phonenumbers``. The parser is
deliberately conservative about what it *throws away*: every input line that does not end up in
a field is returned in :attr:`ParsedCard.unparsed`, including signature noise ("Best regards",
"Sent from my iPhone", disclaimers, quoted replies), so the user always sees it.

Order of work:

1. Split the text into lines; mark quoted replies, reply headers, sign-offs, device lines and
   legal footers as noise (they go to ``unparsed``).
2. Split the remaining lines into segments at strong separators (``|``, ``·``, ``•``, spaced
   dashes, tabs) so that ``Title | Company`` lines and one-line signatures work.
3. Unambiguous patterns first: emails (also ``name [at] domain [dot] com``), URLs and bare
   domains (social profiles get a label), phone numbers via ``phonenumbers.PhoneNumberMatcher``
   with kind markers (``M:``, ``Tel``, ``Fax``, ``Handy``, ``Portable``, ``Móvil``...).
4. Postal addresses: postcode + city lines in several national styles, the street line(s) just
   above, the country line just below; a postcode on its own line below the city (UK, Brazil);
   an address among other parts of one line (the segment with the postcode, the street
   segment before it, the country segment after it).
5. What is left is classified heuristically into person name, title, organisation and
   department using company suffixes, title keywords in several languages and position.

Modules, in the order the steps run: ``lines`` (lines, segments, noise, what is left over),
``region`` (which country the card is from), ``emails_urls``, ``phones``, ``postcodes`` and
``addresses``, ``names`` and ``classify`` (name, title, organisation, department), with the
word lists in ``vocabulary``; ``parse`` holds the entry point. Callers import from the package:
``from netdesk.core.cardparse import ParsedCard, parse_card_text``.

Part of core: imports the standard library, ``phonenumbers`` and other core modules only
(the core import-linter contract); used by card entry (ui), ``netdesk parse-card`` (cli) and
the scan reader.
"""

from netdesk.core.cardparse.parse import ParsedCard, parse_card_text

__all__ = ["ParsedCard", "parse_card_text"]

"""Every question the actors stage asks the knowledge base about people, in one place:
whose name a phrase is, who held an office on a day, which country a name belongs to,
and which holder of a title a misspelt surname means."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from .descriptors import KB_ORGS, UNIQUE_OFFICES, Descriptor
from .kb import normalize_title
from .surnames import bare_surname

if TYPE_CHECKING:
    from .kb import KnowledgeBase, Person, Role

#: Non-state country codes: a person who served only these has no home state.
NONSTATE = frozenset({"IGO", "EUR", "NGO", "IMG", "ISM", "MNC", "UNO"})

#: Country words that name a people or a part of a state, not the state whose leader the
#: KB knows: "the Chechen leader" is not Russia's president, "the Scottish leader" not
#: the British prime minister.
_REGIONAL_WORDS = frozenset(
    {"chechen", "chechens", "tibetan", "tibetans", "uighur", "uyghur", "scottish", "welsh", "english",
     "scotland", "wales", "england", "northern ireland", "ulster", "gaza", "gaza strip", "west bank",
     "soviet", "soviet union", "ussr", "u.s.s.r."}
)


@dataclass(frozen=True, slots=True)
class KbLookup:
    """The KB's answers about people; every answer is None (or unchanged) without a KB."""

    kb: "KnowledgeBase | None"

    def name_span(self, doc: Any, d: Descriptor, day: date | None) -> Descriptor:
        """A full name the KB knows that the tagger did not label PERSON ("Xi Jinping met"),
        or a lone surname of the one KB person in office that day ("Merkel met")."""
        if self.kb is None:
            return d
        first = d.head
        while first - 1 >= d.start and doc[first - 1].pos_ == "PROPN":
            first -= 1
        for s in range(first, d.head):  # longest first; titles before the name drop off
            if self.kb.find(doc[s : d.head + 1].text):
                return replace(d, person=(s, d.head + 1))
        span = bare_surname(doc, doc[d.head], d.start, self.kb, day)
        return replace(d, person=span) if span is not None else d

    def resolve(self, name: str, day: date | None) -> "tuple[Person, Role] | None":
        """The KB person a name (or unambiguous surname) means on the day."""
        return self.kb.resolve(name, day) if self.kb is not None else None

    def holder(self, d: Descriptor, country: str, day: date | None) -> "Person | None":
        """The KB person who held the title on the date ("the Russian foreign minister")."""
        kb = self.kb
        if kb is None or d.former:
            return None
        if d.title == "leader":
            return kb.leader(country, day) if _national(d) else None
        if d.title not in UNIQUE_OFFICES:
            return None
        if country in ("IGO", "EUR"):
            org = KB_ORGS.get(d.org.entry.name) if d.org is not None else None
            return self._org_holder(org, d.title, day) if org else None
        return kb.holder(country, d.title, day)

    def _org_holder(self, org: str, title: str, day: date | None) -> "Person | None":
        """KnowledgeBase.holder() looks in one country's posts; an organisation's holder
        may be listed under any country (IGO, EUR), so all roles are searched here."""
        wanted = normalize_title(title)
        best = None
        for person in self.kb or ():
            for role in person.roles:
                if role.org != org or normalize_title(role.title) != wanted:
                    continue
                if day is not None and not role.active_on(day):
                    continue
                if best is None or (role.start or date.min) > best[0]:
                    best = (role.start or date.min, person)
        return best[1] if best else None

    def country_of(self, name: str, day: date | None) -> str | None:
        """The KB's country for a name on the date; else the one country that every KB
        person of that name or surname served (two Bushes, one USA)."""
        kb = self.kb
        if kb is None:
            return None
        hit = kb.resolve(name, day)
        if hit is not None:
            return hit[1].country
        people = kb.find(name) or (kb.find_surname(name) if len(name.split()) == 1 else ())
        countries = {r.country for p in people for r in p.roles if r.country not in NONSTATE}
        return countries.pop() if len(countries) == 1 else None

    def misspelt(self, surname: str, title: str, day: date | None) -> "tuple[Person, Role] | None":
        """The one KB holder of ``title`` whose surname is one slip from ``surname``
        ("President Francois Mitterand"), with the role; None when none or several."""
        if self.kb is None:
            return None
        wanted = normalize_title(title)
        matches = []
        for person in self.kb.near_surname(surname):
            roles = [r for r in person.roles if normalize_title(r.title) == wanted]
            if day is not None:
                roles = [r for r in roles if r.active_on(day)]
            if roles:
                matches.append((person, roles[-1]))
        return matches[0] if len(matches) == 1 else None


def _national(d: Descriptor) -> bool:
    """"The Russian leader", "the U.S. leader": a state's own name or demonym, no
    organisation ("the Hamas leader" leads Hamas, not Palestine)."""
    hit = d.country
    return (
        d.org is None and hit is not None and hit.entry.kind in ("country", "demonym", "capital")
        and hit.text.lower() not in _REGIONAL_WORDS
    )

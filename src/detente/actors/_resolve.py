"""Resolution of candidate mentions into actors, in document order (one doc at a time)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Mapping

from ..nlp import doc_text, ent_at, sentence_of, token_table
from ..records import Actor, ActorAnalysis, Mention
from . import coref
from .context import infer_countries
from .coref import Draft, surname_of, surnames_of
from .descriptors import UNIQUE_OFFICES, KB_ORGS, Descriptor, apposed_org
from .kb import normalize_name, normalize_title

if TYPE_CHECKING:
    from .countries import NameHit
    from .resolver import ActorResolver, Item

#: Dependencies of a country mention that make the country act (coded GOV).
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
#: A province acts as its government only as the doer: a province attacked is a place.
_PROVINCE_ACTING = frozenset({"nsubj", "poss", "agent"})
_NONSTATE = frozenset({"IGO", "EUR", "NGO", "IMG", "ISM", "MNC", "UNO"})
_REFLEXIVES = frozenset({"themselves", "himself", "herself"})
#: Possessors that name a state already named ("the country's president").
_STATE_NOUNS = frozenset({"country", "nation", "state", "kingdom", "republic", "government"})
#: Possessors that name a body already named ("the group's leader", "the movement's chief").
_BODY_NOUNS = frozenset(
    {"group", "movement", "organisation", "organization", "party", "faction", "militia",
     "alliance", "coalition", "front", "union", "bloc", "rebel", "insurgent", "guerrilla", "militant"}
)


class State:
    """Drafts and mentions of one doc; ``resolve`` takes items in document order."""

    def __init__(self, res: "ActorResolver", doc: Any, day: date | None, hits: "Mapping[int, NameHit] | None" = None) -> None:
        self.res, self.doc, self.day = res, doc, day
        self.hits = hits if hits is not None else {}
        self.drafts: list[Draft] = []
        self.by_key: dict[tuple[Any, ...], Draft] = {}
        self.mentions: list[tuple[Draft, int, int, str, bool]] = []  # draft, start, end, how, in by_token
        self.by_head: dict[int, Draft] = {}
        self.sent_of = sentence_of(doc)

    # -- bookkeeping -------------------------------------------------------------------
    def draft(self, key: tuple[Any, ...], **fields: Any) -> Draft:
        found = self.by_key.get(key)
        if found is None:
            found = Draft(key=key, **fields)
            self.by_key[key] = found
            self.drafts.append(found)
        return found

    def mention(self, d: Draft, item: "Item", how: str, primary: bool = True) -> None:
        self.mentions.append((d, item.start, item.end, how, primary))
        d.last = max(d.last, item.head)
        d.sentence = max(d.sentence, self.sent_of[item.head])
        d.count += 1
        self.by_head[item.head] = d

    def resolve(self, item: "Item") -> None:
        getattr(self, f"_{item.kind}")(item)

    # -- codes -------------------------------------------------------------------------
    def _code(self, hit: "NameHit | None") -> tuple[str | None, str | None]:
        if hit is None:
            return None, None
        row = hit.entry.code_on(self.day)
        return row.country or None, row.sector

    def _descriptor_code(self, d: Descriptor, sector: str | None) -> tuple[str | None, str | None]:
        """Country and sector from a descriptor; an organisation's own code wins for
        non-state groups ("a Hamas spokesman" is Hamas), IGOs keep the title's sector."""
        country, _ = self._code(d.country)
        if d.org is not None:
            org_country, org_sector = self._code(d.org)
            if org_country in _NONSTATE:
                return org_country, sector or org_sector
            return org_country, org_sector or sector
        if d.country is not None and d.country.entry.kind in ("metonym", "dict"):
            return country, sector or self._code(d.country)[1]
        return country, sector

    # -- items -------------------------------------------------------------------------
    def _person(self, item: "Item") -> None:
        d = item.desc
        assert d is not None and d.person is not None
        name = self.doc[d.person[0] : d.person[1]].text
        parent = self.by_head.get(self.doc[item.head].head.i) if self.doc[item.head].dep_ == "appos" else None
        if parent is not None and not parent.named and parent.kind == "person":
            parent.name, parent.named = name, True  # "the Russian foreign minister, Sergei Lavrov"
            parent.surnames = surnames_of(name)
            self.mention(parent, item, "name")
            return
        found = self._person_draft(name, d, item)
        how = "descriptor" if (d.title or d.country or d.org) else "name"
        self.mention(found, item, how)

    def _person_draft(self, name: str, d: Descriptor, item: "Item") -> Draft:
        if len(name.split()) == 1:
            earlier = coref.by_surname(self.drafts, name, item.start)
            if earlier is not None:
                return earlier
        kb_hit = self.res.kb.resolve(name, self.day) if self.res.kb is not None else None
        key = ("kb", kb_hit[0].id) if kb_hit else ("person", normalize_name(name))
        if key in self.by_key:
            return self.by_key[key]
        found = self.draft(key, name=kb_hit[0].name if kb_hit else name, kind="person")
        aliases = kb_hit[0].aliases if kb_hit else ()
        found.surnames = tuple(dict.fromkeys(surnames_of(name) + surnames_of(found.name, aliases)))
        sector = "ELI" if d.former else d.title_sector
        country, sector = self._descriptor_code(d, sector)
        if country or sector:
            found.country, found.sector, found.evidence = country, sector, "descriptor"
            found.title = self.doc[d.title_span[0] : d.title_span[1]].text if d.title_span else None
        if kb_hit:
            person, role = kb_hit
            found.kb_id, found.kb_titles = person.id, tuple(r.title for r in person.roles)
            if found.evidence == "none":
                found.country, found.sector, found.title, found.evidence = role.country, role.sector, role.title, "kb"
            elif found.country is None:
                found.country = role.country
            return found
        self._fallback(found, name)
        if found.country is None and d.title and not d.former:
            self._misspelt(found, name, d.title)
        return found

    def _misspelt(self, found: Draft, name: str, title: str) -> None:
        """A titled person whose surname is one slip from exactly one KB holder of that
        title ("President Francois Mitterand"): that holder's code."""
        kb = self.res.kb
        if kb is None:
            return
        wanted = normalize_title(title)
        matches = []
        for person in kb.near_surname(surname_of(name)):
            roles = [r for r in person.roles if normalize_title(r.title) == wanted]
            if self.day is not None:
                roles = [r for r in roles if r.active_on(self.day)]
            if roles:
                matches.append((person, roles[-1]))
        if len(matches) == 1:
            person, role = matches[0]
            found.country, found.sector, found.evidence = role.country, found.sector or role.sector, "kb"
            found.kb_id = person.id

    def _fallback(self, found: Draft, name: str) -> None:
        """Dictionaries, then the store's memory, for a person the text did not code."""
        if found.evidence != "none" and found.country:
            return
        for book in self.res.dictionaries:
            hit = book.lookup(name, self.day)
            if hit is not None and not hit.agent and (hit.country or hit.sector):
                found.country = found.country or hit.country
                found.sector = found.sector or hit.sector
                found.evidence = "dictionary" if found.evidence == "none" else found.evidence
                return
        if self.res.memory is not None:
            mem = self.res.memory.lookup(name, self.day)
            if mem is not None:
                found.country = found.country or mem.country
                found.sector = found.sector or mem.sector
                found.title = found.title or mem.title
                found.evidence = "memory" if found.evidence == "none" else found.evidence
        if found.country is None:
            found.country = self.kb_country(name)
            if found.country is not None and found.evidence == "none":
                found.evidence = "kb"

    def _title(self, item: "Item") -> None:
        d = item.desc
        assert d is not None and d.title is not None
        head = self.doc[item.head]
        if head.dep_ == "appos" and head.head.i in self.by_head:
            target = self.by_head[head.head.i]  # "Sergei Lavrov, the Russian foreign minister"
            self._enrich(target, d)
            self.mention(target, item, "descriptor")
            return
        sector = "ELI" if d.former else d.title_sector
        country, sector = self._descriptor_code(d, sector)
        if country is None and d.org is None:
            country, sector = self._owner_code(item, sector)
        if d.determiner in ("a", "an") and country and not d.plural and not d.former:
            same = self._same_office(d, country)
            if same is not None:  # "a North Korean leader" after "North Korean leader Kim"
                self.mention(same, item, "coref")
                return
        if d.determiner not in ("a", "an") and not d.plural:
            found = self._holder(d, country) if country else None
            if found is None and country is None and d.org is None:
                found = coref.by_title(self.drafts, d.title, item.start, d.former)
                if found is not None:
                    self.mention(found, item, "coref")
                    return
            if found is not None:
                self.mention(found, item, "descriptor")
                return
        text = self._np_text(item)
        found = self.draft(("title", country, sector, d.title), name=text, kind="person", named=False)
        if found.evidence == "none" and (country or sector):
            found.country, found.sector, found.evidence = country, sector, "descriptor"
            found.title = self.doc[d.title_span[0] : d.title_span[1]].text if d.title_span else d.title
        self.mention(found, item, "descriptor")

    def _owner_code(self, item: "Item", sector: str | None) -> tuple[str | None, str | None]:
        """A title owned by an actor named just before ("Hamas said its leader", "the
        group's leader", "the country's president"): that actor's country, and its sector
        when it is a non-state body (a state's leader keeps the title's sector)."""
        owner = self._owner(item)
        if owner is None or owner.country is None:
            return None, sector
        if owner.kind == "country" or owner.country in _NONSTATE:
            return owner.country, sector
        return owner.country, owner.sector or sector

    def _owner(self, item: "Item") -> Draft | None:
        head = self.doc[item.head]
        poss = next((t for t in head.lefts if t.dep_ == "poss"), None)
        if poss is None:
            return None
        low, lemma = poss.lower_, poss.lemma_.lower()
        if low in ("its", "their"):
            kinds: tuple[str, ...] = ("organization", "group", "country")
        elif lemma in _STATE_NOUNS:
            kinds = ("country",)
        elif lemma in _BODY_NOUNS or lemma in self.res.short_words:
            kinds = ("organization", "group")
        else:
            return None
        here = self.sent_of[item.head]
        for d in coref.recent(self.drafts, poss.i, kinds):
            return d if here - d.sentence <= 1 else None
        return None

    def _same_office(self, d: Descriptor, country: str) -> Draft | None:
        """A named person of the document who holds the same one-holder office of the same
        country: "a sitting American president" in a story about the US president is him."""
        if d.title not in UNIQUE_OFFICES and d.title not in ("leader", "supreme leader"):
            return None
        for found in coref.recent(self.drafts, d.start, ("person",)):
            if found.named and found.country == country and (found.title or "").lower() == d.title:
                return found
        return None

    def _enrich(self, target: Draft, d: Descriptor) -> None:
        sector = "ELI" if d.former else d.title_sector
        country, sector = self._descriptor_code(d, sector)
        if target.evidence in ("none", "dictionary", "memory", "kb") and (country or sector):
            target.country = country or target.country
            target.sector = sector or target.sector
            target.title = d.title
            target.evidence = "descriptor"

    def _holder(self, d: Descriptor, country: str) -> Draft | None:
        """The KB person who held the title on the date ("the Russian foreign minister")."""
        kb = self.res.kb
        if kb is None or d.former:
            return None
        if d.title == "leader":
            person = kb.leader(country, self.day) if _national(d) else None
            return self._kb_draft(person, d, country) if person is not None else None
        if d.title not in UNIQUE_OFFICES:
            return None
        org = KB_ORGS.get(d.org.entry.name) if d.org is not None else None
        person = None
        if country in ("IGO", "EUR"):
            if org:
                person = _org_holder(kb, org, d.title, self.day)
        else:
            person = kb.holder(country, d.title, self.day)
        if person is None:
            return None
        return self._kb_draft(person, d, country)

    def _kb_draft(self, person: Any, d: Descriptor, country: str) -> Draft:
        found = self.draft(("kb", person.id), name=person.name, kind="person")
        if found.evidence == "none":
            role = person.role_on(self.day)
            found.kb_id, found.kb_titles = person.id, tuple(r.title for r in person.roles)
            found.surnames = surnames_of(person.name, person.aliases)
            found.country = role.country if role else country
            found.sector = role.sector if role else None
            found.title, found.evidence = d.title, "kb"
        return found

    def _group(self, item: "Item") -> None:
        d = item.desc
        assert d is not None
        same = self._same_as(item)
        if same is not None:
            self.mention(same, item, "descriptor")
            return
        country, sector = self._descriptor_code(d, d.group_sector)
        country = country or self.res.lexicon.group_countries.get(d.group or "")
        if country is None and d.org is None:
            country = self._owner_country(item)  # "the Bush administration", "Suharto's government"
            country = country or self._ruler_country(item)  # "the government of President X"
        if d.org is None and (country is None or (d.country is not None and d.country.start > item.head)):
            # "Bosnian Serbs said their forces ...": "its forces in Lebanon" are still its own
            country = self._possessor_country(item) or country
        if country is None and d.org is None:
            earlier = next(
                (g for g in coref.recent(self.drafts, item.start, ("group",)) if g.sector == sector and g.key[0] == "group"),
                None,
            )  # not a document or a province: "the government" after "a government statement"
            if earlier is not None and d.determiner == "the":
                self.mention(earlier, item, "coref")
                return
        name = self._np_text(item)
        if item.also and d.country is not None:
            self._coordinated(item, d)
            name = self.doc[d.country.start : item.head + 1].text
        found = self.draft(("group", country, sector), name=name, kind="group")
        if found.evidence == "none":
            found.country, found.sector = country, sector
            found.evidence = "descriptor" if (country or sector) else "none"
        self.mention(found, item, "group", primary=not item.also)

    def _province(self, item: "Item") -> None:
        """A province or state acting is its government (PLOVER/CAMEO code sub-national
        governments as the country's GOV); named as a place it is no actor."""
        head, hit = self.doc[item.head], item.hit
        assert hit is not None
        if head.dep_ not in _PROVINCE_ACTING or any(
            t.i not in range(hit.start, hit.end) and t.i != head.i and t.dep_ != "det" for t in self.doc[item.start : item.end]
        ):
            return  # "was shelled", "rebel-controlled Idlib province": a place, not its government
        country, _ = self._code(hit)
        found = self.draft(("province", country, self._np_text(item)), name=self._np_text(item), kind="group")
        if found.evidence == "none":
            found.country, found.sector, found.evidence = country, "GOV", "alias"
        self.mention(found, item, "alias")

    def _document(self, item: "Item") -> None:
        """An unsigned document speaks for the state it comes from (see documents.py);
        its sector is the one its own words give, else unknown."""
        d = item.desc
        assert d is not None
        country, _ = self._code(item.hit)
        sector = d.group_sector
        toks = self.doc[item.start : item.head + 1]
        name = toks[1:].text if len(toks) > 1 and toks[0].dep_ == "det" else toks.text
        found = self.draft(("document", country, sector), name=name, kind="group")
        if found.evidence == "none":
            found.country, found.sector, found.evidence = country, sector, "document"
        self.mention(found, item, "document")

    def _coordinated(self, item: "Item", d: Descriptor) -> None:
        """One group per country word sharing the head ("French and Egyptian warships"),
        in text order, on the same tokens; the first one is the tokens' primary actor."""
        assert d.country is not None
        rest = self.doc[d.country.end : item.head + 1].text
        for n, hit in enumerate(item.also):
            if hit.entry.kind == "org":
                one = Descriptor(**{**_fields(d), "country": None, "org": hit})
            else:
                one = Descriptor(**{**_fields(d), "country": hit, "org": None})
            country, sector = self._descriptor_code(one, d.group_sector)
            found = self.draft(("group", country, sector), name=f"{hit.text} {rest}", kind="group")
            if found.evidence == "none":
                found.country, found.sector = country, sector
                found.evidence = "descriptor" if (country or sector) else "none"
            self.mention(found, item, "group", primary=(n == 0))

    def _same_as(self, item: "Item") -> Draft | None:
        """The named organisation a group noun is in apposition with: "the main rebel group,
        the FDD," and "Hamas, the Islamist movement," are one actor."""
        head = self.doc[item.head]
        if head.dep_ == "appos":
            parent = self.by_head.get(head.head.i)
            return parent if parent is not None and parent.kind == "organization" else None
        hit = apposed_org(head, self.hits)
        if hit is None:
            return None
        country, sector = self._code(hit)
        found = self.draft(("org", hit.entry.name), name=hit.entry.name, kind="organization")
        if found.evidence == "none":
            found.country, found.sector, found.evidence = country, sector, "alias"
        return found

    def _state(self, item: "Item") -> None:
        """"The country", "the kingdom", "the two countries": the state(s) named just
        before (coref.states); acting when the phrase is the subject."""
        head = self.doc[item.head]
        n = 2 if head.tag_ in ("NNS", "NNPS") else 1
        for k, code in enumerate(coref.states(self.drafts, item.start, self.sent_of[item.head], n)):
            found = self._country_draft(code)
            found.acting = found.acting or head.dep_ in _ACTING_DEPS
            self.mention(found, item, "coref", primary=(k == 0))

    def _country_draft(self, code: str) -> Draft:
        """The article's actor for state ``code``, named as its name table names it."""
        name = next((h.entry.name for h in self.hits.values() if h.entry.kind in ("country", "demonym", "capital")
                     and h.entry.code_on(self.day).country == code), code)
        found = self.draft(("country", code), name=name, kind="country")
        if found.evidence == "none":
            found.country, found.evidence = code, "coref"
        return found

    def _possessor_country(self, item: "Item") -> str | None:
        """Country of the actor "its"/"their" refers to, in the same sentence, or of the
        state "the country's" refers back to ("the country's army")."""
        head = self.doc[item.head]
        state = next((t for t in head.lefts if t.dep_ == "poss" and t.lemma_.lower() in coref.STATE_REF_NOUNS), None)
        if state is not None and any(c.lower_ == "the" for c in state.lefts):
            found = coref.states(self.drafts, state.i, self.sent_of[state.i])
            return found[0] if found else None
        poss = next((t for t in head.lefts if t.dep_ == "poss" and t.lower_ in ("its", "their")), None)
        if poss is None:
            return None
        for d in coref.recent(self.drafts, poss.i, ("group", "organization", "country")):
            if d.sentence == self.sent_of[poss.i]:
                return d.country
            break
        return None

    def _owner_country(self, item: "Item") -> str | None:
        """Country of a person named inside a group's noun phrase, by coreference with an
        earlier mention or through the KB; None when the name is unknown or ambiguous."""
        d = item.desc
        titles = self._title_tokens(d)
        toks = [t for t in self.doc[item.start : item.head] if t.pos_ == "PROPN" and t.i not in titles]
        if not toks:
            return None
        last = toks[-1]
        first = last.i
        while first - 1 >= item.start and self.doc[first - 1].pos_ == "PROPN" and first - 1 not in titles:
            first -= 1
        run = self.doc[first : last.i + 1]
        name = " ".join(t.text for t in run)
        earlier = coref.by_surname(self.drafts, last.text, item.start)
        if earlier is not None and earlier.country:
            return earlier.country
        return self.kb_country(name)

    def _ruler_country(self, item: "Item") -> str | None:
        """Country of the person a government body is "of" ("the military government of
        President Prosper Avril"), known from the KB or an earlier mention."""
        head = self.doc[item.head]
        if self.res.lexicon.groups.get(head.lemma_.lower()) != "GOV":
            return None
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
            ent = ent_at(self.doc, obj.i) if obj is not None else None
            if ent is None or ent.label_ != "PERSON":
                return None
            earlier = coref.by_surname(self.drafts, self.doc[ent.end - 1].text, item.start)
            return earlier.country if earlier is not None else self.kb_country(ent.text)
        return None

    def _title_tokens(self, d: Descriptor | None) -> range:
        return range(*d.title_span) if d is not None and d.title_span else range(0)

    def kb_country(self, name: str) -> str | None:
        """The KB's country for a name on the date; else the one country that every KB
        person of that name or surname served (two Bushes, one USA)."""
        kb = self.res.kb
        if kb is None:
            return None
        hit = kb.resolve(name, self.day)
        if hit is not None:
            return hit[1].country
        people = kb.find(name) or (kb.find_surname(name) if len(name.split()) == 1 else ())
        countries = {r.country for p in people for r in p.roles if r.country not in _NONSTATE}
        return countries.pop() if len(countries) == 1 else None

    def _name(self, item: "Item") -> None:
        hit = item.hit
        assert hit is not None
        entry, head = hit.entry, self.doc[item.head]
        country, sector = self._code(hit)
        evidence = "dictionary" if entry.kind.startswith("dict") else "alias"
        if entry.kind in ("org", "dict"):
            kind = "person" if head.ent_type_ == "PERSON" and entry.kind == "dict" else "organization"
            found = self.draft(("org", entry.name), name=entry.name, kind=kind)
        elif entry.kind == "metonym" and sector != "GOV":
            found = self.draft(("group", country, sector), name=self._np_text(item), kind="organization")
        else:
            found = self.draft(("country", country), name=entry.name if entry.kind != "dictcountry" else hit.text, kind="country")
            acting = entry.kind in ("capital", "metonym") or (head.i < hit.end and head.dep_ in _ACTING_DEPS)
            found.acting = found.acting or acting
            sector = "GOV" if found.acting else None
        if found.evidence in ("none", "alias", "dictionary"):
            found.country, found.sector, found.evidence = country, sector, evidence
        self.mention(found, item, "alias" if entry.kind != "org" else "name")

    def _pronoun(self, item: "Item") -> None:
        tok = self.doc[item.head]
        target = self._clause_subject(tok) if tok.lower_ in _REFLEXIVES else None
        if target is None and tok.lower_ == "they":
            target = self._subject_over_object(tok)
        target = target or coref.pronoun_target(self.drafts, tok)
        if target is not None:
            self.mention(target, item, "pronoun")

    def _clause_subject(self, tok: Any) -> Draft | None:
        """A reflexive is its clause's subject: "bombers killed 23 people as well as
        themselves", "they blew themselves up"."""
        verb = tok.head
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        while verb.dep_ in ("conj", "xcomp") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        found = self.by_head.get(subj.i) if subj is not None and subj.i < tok.i else None
        kinds = ("person",) if tok.lower_ in ("himself", "herself") else ("group", "organization", "country")
        return found if found is not None and found.kind in kinds else None

    def _subject_over_object(self, tok: Any) -> Draft | None:
        """"they" after "X killed Y": when the nearest candidate is the object of a verb
        whose subject is another candidate, the subject is the likelier referent."""
        kinds = ("group", "organization", "country")
        cands = coref.recent(self.drafts, tok.i, kinds)
        if not cands or self.sent_of[tok.i] - cands[0].sentence > 1:
            return None
        obj = self.doc[cands[0].last]
        while obj.dep_ == "conj":
            obj = obj.head
        if obj.dep_ != "dobj":
            return None
        subj = next((c for c in obj.head.children if c.dep_ == "nsubj"), None)
        found = self.by_head.get(subj.i) if subj is not None else None
        return found if found is not None and found is not cands[0] and found.kind in kinds else None

    def _pair(self, item: "Item") -> None:
        people = coref.pair(self.drafts, item.start)
        d = item.desc
        if d is not None and d.country is not None:
            # "two Bolivian men": the pair must be of that country, else they are new people
            country, _ = self._code(d.country)
            if not people or any(p.country != country for p in people):
                self._group(item)
                return
        for n, person in enumerate(people):
            self.mention(person, item, "coref", primary=(n == 0))

    def _same(self, item: "Item") -> None:
        """An appositive that relates its head to another state ("a key U.S. ally")."""
        parent = self.by_head.get(self.doc[item.head].head.i)
        if parent is not None:
            self.mention(parent, item, "descriptor")

    def _ngo(self, item: "Item") -> None:
        name = self.doc[item.start : item.end].text
        found = self.draft(("org", name), name=name, kind="organization")
        if found.evidence == "none":
            country = self._code(item.hit)[0] if item.hit is not None else "NGO"
            found.country, found.sector, found.evidence = country, "SOC", "descriptor"
        self.mention(found, item, "name")

    def _none(self, item: "Item") -> None:
        """A phrase that names no actor although a country word is in it."""

    def _short(self, item: "Item") -> None:
        head = self.doc[item.head]
        target = coref.org_short(self.drafts, head.lower_, item.start, self.res.shorts)
        target = target or coref.org_short(self.drafts, head.lemma_.lower(), item.start, self.res.shorts)
        if target is not None:
            self.mention(target, item, "coref")

    def _np_text(self, item: "Item") -> str:
        toks = [t for t in self.doc[item.start : item.end] if not (t.dep_ == "det" and t.i == item.start)]
        return "".join(t.text_with_ws for t in toks).strip() or self.doc[item.head].text

    # -- output ------------------------------------------------------------------------
    def finish(self) -> ActorAnalysis:
        infer_countries(self.drafts, self.doc, self.hits, self.mentions, self.day)
        first: dict[int, int] = {}
        for d, start, _, _, _ in self.mentions:
            first[id(d)] = min(first.get(id(d), start), start)
        ordered = sorted((d for d in self.drafts if id(d) in first), key=lambda d: first[id(d)])
        ids = {id(d): f"a{n}" for n, d in enumerate(ordered, start=1)}
        sent_of = self.sent_of
        _, starts, ends = token_table(self.doc)
        text = doc_text(self.doc)
        mentions: list[Mention] = []
        by_token: dict[int, str] = {}
        spans: dict[int, list[tuple[int, int]]] = {id(d): [] for d in ordered}
        for d, start, end, how, primary in sorted(self.mentions, key=lambda m: (m[1], m[2])):
            span = (starts[start], ends[end - 1])
            aid = ids[id(d)]
            mentions.append(Mention(aid, start, end, span, sent_of[start], text[span[0]:span[1]], how))
            if span not in spans[id(d)]:
                spans[id(d)].append(span)
            if primary:
                for i in range(start, end):
                    by_token.setdefault(i, aid)
        actors = tuple(_actor(d, ids[id(d)], tuple(spans[id(d)])) for d in ordered)
        return ActorAnalysis(actors=actors, mentions=tuple(mentions), by_token=by_token)


def _actor(d: Draft, aid: str, spans: tuple[tuple[int, int], ...]) -> Actor:
    sector = d.sector
    if d.kind == "country":
        sector = "GOV" if d.acting else None
    return Actor(
        id=aid, name=d.name, kind=d.kind, country=d.country, sector=sector, title=d.title,
        mentions=spans, evidence=d.evidence if (d.country or sector) else "none", kb_id=d.kb_id,
    )


#: Country words that name a people or a part of a state, not the state whose leader the
#: KB knows: "the Chechen leader" is not Russia's president, "the Scottish leader" not
#: the British prime minister.
_REGIONAL_WORDS = frozenset(
    {"chechen", "chechens", "tibetan", "tibetans", "uighur", "uyghur", "scottish", "welsh", "english",
     "scotland", "wales", "england", "northern ireland", "ulster", "gaza", "gaza strip", "west bank",
     "soviet", "soviet union", "ussr", "u.s.s.r."}
)


def _national(d: Descriptor) -> bool:
    """"The Russian leader", "the U.S. leader": a state's own name or demonym, no
    organisation ("the Hamas leader" leads Hamas, not Palestine)."""
    hit = d.country
    return (
        d.org is None and hit is not None and hit.entry.kind in ("country", "demonym", "capital")
        and hit.text.lower() not in _REGIONAL_WORDS
    )


def _org_holder(kb: Any, org: str, title: str, day: date | None) -> Any:
    """KnowledgeBase.holder() has no organisation filter: search the IGO roles here."""
    from .kb import normalize_title

    wanted = normalize_title(title)
    best = None
    for person in kb:
        for role in person.roles:
            if role.org != org or normalize_title(role.title) != wanted:
                continue
            if day is not None and not role.active_on(day):
                continue
            if best is None or (role.start or date.min) > best[0]:
                best = (role.start or date.min, person)
    return best[1] if best else None


def _fields(d: Descriptor) -> dict[str, Any]:
    return {name: getattr(d, name) for name in Descriptor.__slots__}

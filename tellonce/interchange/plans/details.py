"""What the SEN2 return says of a plan beyond its dates (docs/import-format.md, "What the SEN2
return needs"): why it ceased, the child's needs in rank order, the placements named in it and
attended while it was in force, residential and work-based learning, the personal budget and
direct payments, and the code of the council it was transferred from. Checked here with the
file's checker; written by `writing`, exported by `exporting`."""

from datetime import date

from tellonce.core.interchange import FileChecker
from tellonce.domain import codes
from tellonce.domain.identifiers import la_code_problem, ukprn_problem, urn_problem
from tellonce.interchange import vocabulary

MOST_NEEDS = 2


def parse_details(row: dict, where: str, check: FileChecker, plan: dict) -> None:
    """Add the plan's SEN2 details to `plan` (already holding its dates), reporting each problem."""
    plan["cease_reason"] = check.code(
        row, where, "cease_reason", vocabulary.CEASE_REASON, listed="an SEN2 cease reason, 1 to 9"
    )
    if plan["cease_reason"] and not plan["ceased"]:
        check.error(where, "cease_reason is given without the date ceased")
    plan["residential"] = check.code(
        row, where, "residential", vocabulary.RESIDENTIAL, listed=vocabulary.listed(codes.RESIDENTIAL)
    )
    plan["work_based"] = check.code(
        row, where, "work_based", vocabulary.WORK_BASED, listed=vocabulary.listed(codes.WORK_BASED)
    )
    plan["personal_budget"] = check.flag(row, where, "personal_budget")
    plan["organised_arrangements"] = check.flag(row, where, "organised_arrangements")
    plan["direct_payments"] = check.code(
        row,
        where,
        "direct_payments",
        vocabulary.DIRECT_PAYMENT,
        listed=vocabulary.listed(codes.DIRECT_PAYMENT),
    )
    if plan["direct_payments"] and plan["personal_budget"] is False:
        check.error(
            where, "direct_payments is given but personal_budget is false: direct payments are part of one"
        )
    code = check.text(row, where, "transferred_from_code", required=False, max_length=3)
    if code and (problem := la_code_problem(code)):
        check.error(where, f"transferred_from_code: {problem}")
    if code and not plan["transferred_in"]:
        check.error(where, "transferred_from_code is given without the date transferred_in")
    plan["transferred_from_code"] = code
    plan["sen_needs"] = _parse_needs(row, where, check)
    plan["placements"] = _parse_placements(row, where, check, plan)


def _parse_needs(row: dict, where: str, check: FileChecker) -> list[str]:
    """The needs in rank order: a list of types (`["ASD", "SLCN"]`) or of `{"type", "rank"}`."""
    items = row.get("sen_needs")
    if items in (None, ""):
        return []
    if not isinstance(items, list):
        check.error(where, "sen_needs must be a list")
        return []
    if len(items) > MOST_NEEDS:
        check.error(where, f"sen_needs has {len(items)} needs: give at most 2, the primary need ranked 1")
        return []
    ranked: dict[int, str] = {}
    for k, item in enumerate(items):
        at = f"{where}.sen_needs[{k}]" if " " not in where else where.replace(" ", f".sen_needs[{k}] ", 1)
        given = item if isinstance(item, dict) else {"type": item, "rank": k + 1}
        rank = given.get("rank")
        need = check.code(given, at, "type", vocabulary.SEN_TYPE, listed="an SEN2 type of need, like ASD")
        if not given.get("type"):
            check.error(at, "type is missing")
        if isinstance(rank, bool) or rank not in (1, 2, "1", "2"):
            check.error(at, f"rank {rank!r} must be 1 (the primary need) or 2")
            continue
        if int(rank) in ranked:
            check.error(at, f"rank {rank} is given to more than one need")
        elif need:
            ranked[int(rank)] = need
    if ranked and 1 not in ranked:
        check.error(where, "sen_needs has no primary need (rank 1)")
    if len(set(ranked.values())) < len(ranked):
        check.error(where, "sen_needs gives the same need twice")
    return [ranked[rank] for rank in sorted(ranked)]


def _parse_placements(row: dict, where: str, check: FileChecker, plan: dict) -> list[dict]:
    items = row.get("placements")
    if items in (None, ""):
        return []
    if not isinstance(items, list):
        check.error(where, "placements must be a list")
        return []
    index, ref = (where.split(" ", 1) + [""])[:2]
    placements = []
    for k, item in enumerate(items):
        at = f"{index}.placements[{k}]" + (f" {ref}" if ref else "")
        if not isinstance(item, dict):
            check.error(at, "must be an object")
        elif placement := _parse_placement(item, at, check, plan):
            placements.append((at, placement))
    _check_ranks(placements, check)
    return [placement for _, placement in placements]


def _parse_placement(item: dict, at: str, check: FileChecker, plan: dict) -> dict | None:
    errors_before = len(check.errors)
    named = check.flag(item, at, "named")
    if item.get("named") in (None, ""):
        check.error(at, "named is missing: true for a placement named in the plan, false for one attended")
        return None
    placement = {
        "named": bool(named),
        "urn": check.text(item, at, "urn", required=False, max_length=6),
        "ukprn": check.text(item, at, "ukprn", required=False, max_length=8),
        "sen_setting": check.code(
            item, at, "sen_setting", vocabulary.SEN_SETTING, listed=vocabulary.listed(codes.SEN_SETTING)
        ),
        "sen_setting_other": check.text(item, at, "sen_setting_other", required=False, max_length=200),
        "rank": "1" if item.get("rank") in (None, "") else str(item.get("rank")).strip(),
        "entry_on": check.day(item, at, "entry"),
        "leaving_on": check.day(item, at, "leaving"),
        "sen_unit": bool(check.flag(item, at, "sen_unit")),
        "resourced_provision": bool(check.flag(item, at, "resourced_provision")),
        "residential": check.code(
            item, at, "residential", vocabulary.RESIDENTIAL, listed=vocabulary.listed(codes.RESIDENTIAL)
        ),
        "work_based": check.code(
            item, at, "work_based", vocabulary.WORK_BASED, listed=vocabulary.listed(codes.WORK_BASED)
        ),
    }
    _check_where(placement, item, at, check)
    if placement["rank"] not in ("1", "2"):
        check.error(at, f"rank {item.get('rank')!r} must be 1 (the main placement) or 2")
    _check_placement_dates(placement, item, at, check, plan)
    return placement if len(check.errors) == errors_before else None


def _check_where(placement: dict, item: dict, at: str, check: FileChecker) -> None:
    """Exactly one of a URN, a UKPRN or a type of setting, each in its format."""
    given = [name for name in ("urn", "ukprn", "sen_setting") if placement[name] or item.get(name)]
    if len(given) != 1:
        check.error(
            at,
            "give exactly one of urn, ukprn or sen_setting"
            + (f" (not {' and '.join(given)})" if given else ""),
        )
    if placement["urn"] and (problem := urn_problem(placement["urn"])):
        check.error(at, f"urn: {problem}")
    if placement["ukprn"] and (problem := ukprn_problem(placement["ukprn"])):
        check.error(at, f"ukprn: {problem}")
    setting = placement["sen_setting"]
    if setting in vocabulary.SETTING_IN_WORDS and not placement["sen_setting_other"]:
        check.error(at, f"sen_setting_other is missing: say in words what the setting {setting} is")
    if placement["sen_setting_other"] and setting not in vocabulary.SETTING_IN_WORDS:
        check.error(at, "sen_setting_other is only for the settings OTH and NIEO")


def _check_placement_dates(placement: dict, item: dict, at: str, check: FileChecker, plan: dict) -> None:
    """An attended placement has the day it started, ends after it, and overlaps the plan's life;
    a placement named in the plan has no dates."""
    entry, leaving = placement["entry_on"], placement["leaving_on"]
    issued, ceased = plan["issued"], plan["ceased"]
    if placement["named"]:
        if entry or leaving:
            check.error(
                at,
                "a placement named in the plan has no entry or leaving date: give those on the placements attended",
            )
        return
    if item.get("entry") in (None, ""):
        check.error(at, "entry is missing: the day the child or young person started there")
    if entry and leaving and leaving < entry:
        check.error(at, f"leaving ({leaving}) is before entry ({entry})")
    if leaving and issued and leaving < issued:
        check.error(at, f"leaving ({leaving}) is before the plan was issued ({issued})")
    if entry and ceased and entry > ceased:
        check.error(at, f"entry ({entry}) is after the plan ceased ({ceased})")


def _check_ranks(placements: list[tuple[str, dict]], check: FileChecker) -> None:
    """Each rank once among the placements named; two attended placements of one rank not at once."""
    named: set[str] = set()
    attended: list[dict] = []
    for at, placement in placements:
        if placement["named"]:
            if placement["rank"] in named:
                check.error(
                    at, f"rank {placement['rank']} is given to more than one placement named in the plan"
                )
            named.add(placement["rank"])
            continue
        for other in attended:
            if other["rank"] == placement["rank"] and _overlap(other, placement):
                check.error(
                    at,
                    f"rank {placement['rank']} is given to another placement attended at the same time "
                    f"(from {other['entry_on']})",
                )
                break
        attended.append(placement)


def _overlap(one: dict, other: dict) -> bool:
    first_end, second_end = one["leaving_on"] or date.max, other["leaving_on"] or date.max
    if one["entry_on"] is None or other["entry_on"] is None:
        return False
    return one["entry_on"] <= second_end and other["entry_on"] <= first_end

"""Print evaluation scores as a plain, greppable report."""

from __future__ import annotations

from rich.console import Console

from newstrace.evaluate.scoring import Scores


def print_scores(console: Console, s: Scores) -> None:
    d = s.as_dict()
    out = console.print

    def line(msg: str) -> None:
        out(msg, soft_wrap=True, highlight=False)

    line("Per document")
    for doc in d["per_document"]:
        date = doc.get("date", {})
        line(
            f"  {doc['file']}: date {date.get('predicted')} ({date.get('precision')}) "
            f"gold {date.get('gold')} {'ok' if date.get('correct') else 'WRONG'}"
            f"{' CONFIDENTLY-WRONG' if date.get('confident_wrong') else ''}; "
            f"attributions {_counts(doc.get('attributions'))}; signals {_counts(doc.get('signals'))}"
        )
    b, a, g = d["body_lines"], d["attributions"], d["signals"]
    line("Scores")
    line(f"  dates: accuracy {d['dates']['accuracy']:.3f} ({d['dates']['right']}/"
                  f"{d['dates']['total']}), confidently wrong {d['dates']['confident_wrong']}")
    line(f"  body lines: P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}")
    line(f"  outlet: {d['outlet']['accuracy']:.3f} ({d['outlet']['right']}/{d['outlet']['total']}); "
                  f"origin: {d['origin']['accuracy']:.3f} ({d['origin']['right']}/{d['origin']['total']})")
    line(f"  attributions: P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.3f} "
                  f"(tp {a['tp']}, fp {a['fp']}, fn {a['fn']})")
    line("    on matched: " + ", ".join(
        f"{k} {v['accuracy']:.3f}" for k, v in d["attribution_fields"].items()))
    line(f"  signals: P {g['precision']:.3f} R {g['recall']:.3f} F1 {g['f1']:.3f} "
                  f"(tp {g['tp']}, fp {g['fp']}, fn {g['fn']})")
    line("    on matched: " + ", ".join(
        f"{k} {v['accuracy']:.3f}" for k, v in d["signal_fields"].items()))


def _counts(c: dict[str, int] | None) -> str:
    if not c:
        return "-"
    return f"{c['tp']} matched of {c['gold']} gold, {c['pred']} predicted"

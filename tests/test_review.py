"""`site-gen review`: the doubtful records of an archive, as a table and CSV, and corrections
applied from the CSV into corrections.yaml. The articles are written for the test."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import datetime as dt
from dataclasses import replace

import pytest
import yaml
from click.testing import CliRunner

from site_gen.cli import main
from site_gen.content import infer
from site_gen.content.review import as_csv, as_table, review
from site_gen.extract import Extraction, Move, extract as real_extract
from site_gen.model import Article

ARTICLES = {
    "001_a.txt": " date 2024-07-01 Everton are keen on Southampton striker Tomas Brannigan, according to Sky Sports.",
    "002_b.txt": " date 2024-07-08 Southampton are ready to sell Tomas Brannigan this summer.",
    "003_c.txt": " date 2024-07-15 Everton have opened talks over a deal for Tomas Branigan.",
}


def _archive(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root


def test_review_lists_the_least_sure_fields_with_why(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["review", "--source", str(_archive(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["confidence", "file", "field"]
    assert any("002_b.txt" in line and "Tomas Brannigan: Southampton → ?" in line for line in lines)  # to no club
    assert not any("credited to no outlet" in line for line in lines)  # no outlet named is no doubt
    assert not any(line.split()[2:3] == ["source"] for line in lines[1:] if line[:1].isdigit())
    rows = [line for line in lines[1:] if line[:1].isdigit() and ".txt" in line]
    shown = [float(line.split()[0]) for line in rows if "held back" not in line]
    held = [float(line.split()[0]) for line in rows if "held back" in line]
    assert shown == sorted(shown) and held == sorted(held, reverse=True)  # what the site shows, least sure first
    assert rows == [line for line in rows if "held back" not in line] + [line for line in rows if "held back" in line]


def test_a_correction_in_the_csv_goes_to_corrections_yaml_and_the_next_build(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive")
    exported = CliRunner().invoke(main, ["review", "--source", str(archive), "--csv"])
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    assert {"file", "field", "value", "reason", "confidence", "evidence", "correction"} <= set(rows[0])
    assert not any(row["field"] == "source" for row in rows)  # an outlet not named is no doubt
    rows.append({"file": "003_c.txt", "field": "source", "value": "", "reason": "", "confidence": "",
                 "evidence": "", "correction": "Liverpool Echo"})  # an editor may still credit one
    rows.append({"file": "002_b.txt", "field": "moves", "value": "", "reason": "", "confidence": "0.5",
                 "evidence": "", "correction": "Tomas Brannigan: Southampton -> Everton (talks)"})
    sheet = tmp_path / "review.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    applied = CliRunner().invoke(main, ["review", "--source", str(archive), "--apply", str(sheet)])
    assert applied.exit_code == 0, applied.output
    fixes = yaml.safe_load((archive / "corrections.yaml").read_text(encoding="utf-8"))
    assert fixes["articles"]["003_c.txt"]["source"] == "Liverpool Echo"
    assert fixes["articles"]["002_b.txt"]["moves"] == [
        {"player": "Tomas Brannigan", "from": "Southampton", "to": "Everton", "stage": "talks"}]
    extracted = CliRunner().invoke(main, ["extract", "--json", "--source", str(archive),
                                          *(str(archive / "seeds" / name) for name in ARTICLES)])
    records = [yaml.safe_load(line) for line in extracted.output.splitlines()]
    assert records[2]["source"] == "Liverpool Echo"
    assert records[1]["moves"] == [{"player": "Tomas Brannigan", "from": "Southampton", "to": "Everton",
                                    "fee": None, "stage": "talks", "confidence": 1.0, "evidence": "",
                                    "checked": True}]
    assert records[2]["players"] == ["Tomas Brannigan"]  # the one-letter slip joined to the archive's spelling


def test_applying_a_review_keeps_the_editors_comments(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive")
    (archive / "corrections.yaml").write_text(
        "# Our fixes: ask Sam before changing these.\n"
        "player_names:\n"
        "  Tom Brannigan: Tomas Brannigan  # he signs as Tomas\n"
        "not_players: []\n", encoding="utf-8")
    sheet = tmp_path / "review.csv"
    sheet.write_text("file,field,value,reason,confidence,correction\n"
                     "003_c.txt,source,,,0.5,Liverpool Echo\n", encoding="utf-8")
    applied = CliRunner().invoke(main, ["review", "--source", str(archive), "--apply", str(sheet)])
    assert applied.exit_code == 0, applied.output
    text = (archive / "corrections.yaml").read_text(encoding="utf-8")
    assert "# Our fixes: ask Sam before changing these." in text and "# he signs as Tomas" in text
    fixes = yaml.safe_load(text)
    assert fixes["player_names"] == {"Tom Brannigan": "Tomas Brannigan"}
    assert fixes["articles"]["003_c.txt"]["source"] == "Liverpool Echo"


def test_a_bad_move_in_the_csv_names_the_line(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive")
    sheet = tmp_path / "review.csv"
    sheet.write_text("file,field,value,reason,confidence,correction\n002_b.txt,moves,,,0.5,Brannigan to Everton\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["review", "--source", str(archive), "--apply", str(sheet)])
    assert result.exit_code == 1 and "review.csv:2" in result.output and "Player: From -> To" in result.output


# Records built by hand, with the confidences and held moves the extractor fills in.

def _article(name: str, date: str, moves: tuple[Move, ...] = (), held: tuple[Move, ...] = (),
             source: str | None = None) -> Article:
    return Article(title=name, players=tuple(dict.fromkeys(m.player for m in (*moves, *held))), moves=moves,
                   held_moves=held, source=source, path=Path(name), slug=Path(name).stem,
                   date=dt.date.fromisoformat(date), body="", body_format="text")


def test_published_moves_least_sure_first_then_held_moves_likeliest_first() -> None:
    sure = Move("Kai Lund", "Ajax", "Everton", stage="talks", confidence=0.93,
                evidence="Everton have opened talks with Ajax over Kai Lund.")
    unsure = Move("Kai Lund", "Ajax", "Fulham", stage="interest", confidence=0.64,
                  evidence="Fulham <b>may</b> also be watching Kai Lund.")
    held = Move("Pim Baars", "Ajax", "Leeds United", stage="bid", confidence=0.22,
                evidence="Leeds United were said to be weighing up a bid for Pim Baars.")
    held_surer = Move("Pim Baars", "Ajax", "Burnley", confidence=0.41, evidence="Burnley like Pim Baars.")
    found = review([_article("001_a.txt", "2024-07-01", (sure, unsure)),
                    _article("002_b.txt", "2024-07-02", held=(held_surer, held))])
    moves = [d for d in found if d.field == "moves"]
    assert [(d.value, d.held, d.confidence) for d in moves] == [
        ("Kai Lund: Ajax → Fulham (interest)", False, 0.64), ("Kai Lund: Ajax → Everton (talks)", False, 0.93),
        ("Pim Baars: Ajax → Burnley (interest)", True, 0.41), ("Pim Baars: Ajax → Leeds United (bid)", True, 0.22)]
    assert [d.evidence for d in moves] == [unsure.evidence, sure.evidence, held_surer.evidence, held.evidence]
    assert not any(d.field == "source" for d in found)  # neither article credits an outlet: no doubt
    table = as_table(found, 40).splitlines()
    at = next(i for i, line in enumerate(table) if "Leeds United" in line)
    assert table[at].startswith("0.22") and "held back" in table[at]
    assert table[at + 1].strip() == "“Leeds United were said to be weighing up a bid for Pim Baars.”"
    assert "“Fulham <b>may</b> also be watching Kai Lund.”" in map(str.strip, table)  # plain text, as written
    rows = list(csv.DictReader(io.StringIO(as_csv(found))))
    assert (rows[-1]["value"], rows[-1]["confidence"], rows[-1]["evidence"]) == (
        "Pim Baars: Ajax → Leeds United (bid)", "0.22", held.evidence)


def test_contradictions_the_archive_cannot_settle_are_listed_with_their_rivals_weighed() -> None:
    fulham = Move("Kai Lund", "Ajax", "Fulham", stage="done", confidence=0.9, evidence="Kai Lund has joined Fulham.")
    burnley = Move("Kai Lund", "Ajax", "Burnley", stage="done", confidence=0.6,
                   evidence="Kai Lund completed his move to Burnley.")
    found = review([_article("001_a.txt", "2024-07-01", (fulham,), source="Daily Alpha"),
                    _article("002_b.txt", "2024-07-03", (burnley,), source="Weekly Beta")])
    contradicted = [d for d in found if d.reason.startswith("no verdict")]
    assert [(d.key, d.evidence) for d in contradicted] == [("002_b.txt", burnley.evidence),
                                                           ("001_a.txt", fulham.evidence)]
    # 0.6 against 0.9: 0.6·0.1 / (0.6·0.1 + 0.9·0.4) = 1/7; the other, 6/7
    assert [round(d.confidence, 3) for d in contradicted] == [0.143, 0.857]
    assert "Burnley and Fulham in Summer 2024" in contradicted[0].reason
    assert not any(d.reason == "published" for d in found)  # said once, with why


def test_a_held_move_written_as_a_correction_is_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def holding(body: str, date: dt.date | None = None, gazetteer: object = None) -> Extraction:
        found = real_extract(body, date, gazetteer)  # type: ignore[arg-type]
        return replace(found, moves=(), held_moves=tuple(  # every move held back, with its sentence
            replace(m, confidence=0.3, evidence=" ".join(body.split())) for m in (*found.moves, *found.held_moves)))

    monkeypatch.setattr(infer, "extract", holding)
    archive = _archive(tmp_path / "archive")
    exported = CliRunner().invoke(main, ["review", "--source", str(archive), "--csv"])
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    held = [row for row in rows if row["reason"].startswith("held back")]
    assert held and rows[-len(held):] == held  # after what the site shows
    assert [row["confidence"] for row in held] == sorted((row["confidence"] for row in held), reverse=True)
    row = next(row for row in held if row["file"] == "003_c.txt")
    assert row["evidence"] == "Everton have opened talks over a deal for Tomas Branigan." and row["confidence"] == "0.30"
    assert row["value"].startswith("Tomas Brannigan:")  # as the archive spells him, so the correction fits
    row["correction"] = row["value"]  # as read: publish it
    sheet = tmp_path / "review.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow(row)
    assert CliRunner().invoke(main, ["review", "--source", str(archive), "--apply", str(sheet)]).exit_code == 0
    extracted = CliRunner().invoke(main, ["extract", "--json", "--source", str(archive),
                                          str(archive / "seeds" / "003_c.txt")])
    record = yaml.safe_load(extracted.output)
    assert [(m["to"], m["confidence"]) for m in record["moves"]] == [("Everton", 1.0)]
    assert record["moves_to_review"] == []

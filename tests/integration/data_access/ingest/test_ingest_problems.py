"""Every kind of bad file is refused whole: each problem names its line and column, and nothing is written."""

from __future__ import annotations

import pytest

from data_access.db import session_scope
from data_access.ingest import ValidationFailed, load_file, validate_file
from tests.support.ingest_helpers import FINGERTIPS_SAMPLE, LONG_HEADER, fingerprint, long_csv

SCA = "successful_completions_adults"  # a proportion reported by financial year
GOOD = f"{SCA},E06000001,2021/22,20,20,100,13,29,"
LONG_HEADER_B = LONG_HEADER + ",breakdown"
LONG_HEADER_G = LONG_HEADER + ",geography"
FT_HEADER = FINGERTIPS_SAMPLE.read_text(encoding="utf-8").splitlines()[0]
FT_ROW = ("{ind},Deaths from drug misuse,E12000001,North East region,{code},Somewhere,Counties & UAs,Persons,"
          "All ages,,,2019 - 21,5.1,4.0,6.3,3.6,6.9,40,780000,,,Similar,Not compared,20190000,,,3y")

# (id, file content, expected line, expected column, a fragment of the message)
CASES = [
    ("missing column", "metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci\n"
                       f"{SCA},E06000001,2021/22,20,20,100,13,29\n", 1, "note", "required column is missing"),
    ("extra column", long_csv(GOOD + ",blue", header="metric,area_code,period,value,numerator,denominator,"
                                                     "lower_ci,upper_ci,note,colour"), 1, "colour", "unexpected column"),
    ("neither layout", "a,b,c\n1,2,3\n", 1, "", "matches neither accepted layout"),
    ("unknown metric", long_csv(GOOD, "drug_happiness,E06000001,2021/22,1,,,,,"), 3, "metric", "unknown metric 'drug_happiness'"),
    ("unknown area", long_csv(f"{SCA},E06999999,2021/22,20,20,100,13,29,"), 2, "area_code", "unknown area code 'E06999999'"),
    ("abolished before 2023 in 2024/25", long_csv(f"{SCA},E10000006,2024/25,20,20,100,13,29,"), 2, "area_code",
     "E10000006 (Cumbria) is not valid in 2024/25"),
    ("successor before it existed", long_csv(f"{SCA},E06000063,2019/20,20,20,100,13,29,"), 2, "area_code",
     "E06000063 (Cumberland) is not valid in 2019/20"),
    ("unparseable period", long_csv(GOOD, f"{SCA},E06000002,twenty-one,20,20,100,13,29,"), 3, "period",
     "cannot read the period"),
    ("calendar year for a financial-year metric", long_csv(f"{SCA},E06000001,2021,20,20,100,13,29,"), 2, "period",
     "is a calendar year, not a financial year"),
    ("quarter for a financial-year metric", long_csv(f"{SCA},E06000001,Q2 2021/22,20,20,100,13,29,"), 2, "period",
     "is a quarter, but metric successful_completions_adults is reported by financial year"),
    ("non-numeric value", long_csv(f"{SCA},E06000001,2021/22,twenty,20,100,13,29,"), 2, "value", "'twenty' is not a number"),
    ("non-numeric denominator", long_csv(f"{SCA},E06000001,2021/22,20,20,1OO,13,29,"), 2, "denominator",
     "'1OO' is not a number"),
    ("negative value", long_csv(f"{SCA},E06000001,2021/22,-20,20,100,,,"), 2, "value", "must not be negative"),
    ("negative numerator", long_csv(f"{SCA},E06000001,2021/22,20,-20,100,,,"), 2, "numerator", "must not be negative"),
    ("numerator above denominator", long_csv(f"{SCA},E06000001,2021/22,20,120,100,13,29,"), 2, "numerator",
     "numerator 120 is above denominator 100"),
    ("lower above upper", long_csv(f"{SCA},E06000001,2021/22,20,20,100,29,13,"), 2, "lower_ci",
     "lower limit 29 is above upper limit 13"),
    ("lower above value", long_csv(f"{SCA},E06000001,2021/22,20,20,100,21,29,"), 2, "lower_ci",
     "lower limit 21 is above the value 20"),
    ("upper below value", long_csv(f"{SCA},E06000001,2021/22,20,20,100,13,19.5,"), 2, "upper_ci",
     "upper limit 19.5 is below the value 20"),
    ("one limit only", long_csv(f"{SCA},E06000001,2021/22,20,20,100,13,,"), 2, "upper_ci",
     "lower limit is given without an upper limit"),
    ("empty value without a note", long_csv(f"{SCA},E06000001,2021/22,,20,100,,,"), 2, "value",
     "the value is empty and no note says why"),
    ("duplicate key", long_csv(GOOD, f"{SCA},E06000002,2021/22,20,20,100,13,29,", GOOD), 4,
     "metric, area_code, period, breakdown", "duplicate of line 2"),
    ("duplicate after alias mapping", long_csv(f"{SCA},E06000052,2021/22,20,20,100,13,29,",
                                               f"{SCA},E41000052,2021/22,20,20,100,13,29,"), 3,
     "metric, area_code, period, breakdown", "duplicate of line 2"),
    ("Northamptonshire after 2021", long_csv(f"{SCA},E10000021,2021/22,20,20,100,13,29,"), 2, "area_code",
     "it was replaced by E06000061, E06000062"),
    ("North Northamptonshire before it existed", long_csv(f"{SCA},E06000061,2015/16,20,20,100,13,29,"), 2,
     "area_code", "E06000061 (North Northamptonshire) is not valid in 2015/16"),
    ("Poole after 2019", long_csv(f"{SCA},E06000029,2019/20,20,20,100,13,29,"), 2, "area_code",
     "it was replaced by E06000058"),
    ("Dorset county after 2019", long_csv(f"{SCA},E10000009,2019/20,20,20,100,13,29,"), 2, "area_code",
     "it was replaced by E06000059, E06000058"),
    ("BCP before 2019", long_csv(f"{SCA},E06000058,2017/18,20,20,100,13,29,"), 2, "area_code",
     "is not valid in 2017/18"),
    ("unknown geography", long_csv(f"{SCA},E06000001,2021/22,20,20,100,13,29,,2022",
                                   header=LONG_HEADER_G), 2, "geography", "unknown geography '2022'"),
    ("breakdown too long", long_csv(GOOD + "," + "x" * 61, header=LONG_HEADER_B), 2, "breakdown",
     "longer than 60 characters"),
    ("ragged row", long_csv(GOOD, GOOD.replace("E06000001", "E06000002") + ",extra"), 3, "", "the row has 10 cells"),
    ("empty file", "", 0, "", "the file is empty"),
    ("blank lines only", "\n\n  \n", 0, "", "the file is empty"),
    ("header only", LONG_HEADER_B + "\n", 1, "", "header but no data rows"),
    ("undecodable byte", b"metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note\n"
                         + f"{SCA},E06000001,2021/22,20,20,100,13,29,bad \x81 byte\n".encode("latin-1"),
     2, "note", "byte(s) 81 cannot be read"),
    ("Fingertips missing column", "\n".join([FT_HEADER.replace(",Value note", ""),
                                             FT_ROW.format(ind=92432, code="E06000001").replace(",,,Similar", ",,Similar")]) + "\n",
     1, "Value note", "required column is missing"),
    ("Fingertips unmapped indicator", "\n".join([FT_HEADER, FT_ROW.format(ind=92432, code="E06000001"),
                                                 FT_ROW.format(ind=12345, code="E06000002")]) + "\n",
     3, "Indicator ID", "Fingertips indicator '12345' is not mapped"),
    ("Fingertips district (unknown area type)", "\n".join([FT_HEADER, FT_ROW.format(ind=92432, code="E07000026")]) + "\n",
     2, "Area Code", "unknown area code 'E07000026'"),
    ("Fingertips unreadable period", "\n".join([FT_HEADER, FT_ROW.format(ind=92432, code="E06000001")
                                                .replace("2019 - 21", "2019/20 - 21/22")]) + "\n",
     2, "Time period", "cannot read the period"),
    # Numbers impossible for what the metric measures (data_access/ingest/checks.py).
    ("percentage above 100", long_csv(f"{SCA},E06000001,2021/22,360,,,,,"), 2, "value",
     "360 is above 100, impossible for a percentage"),
    ("percentage limit above 100", long_csv(f"{SCA},E06000001,2021/22,99,99,100,94,100.5,"), 2, "upper_ci",
     "upper limit 100.5 is above 100"),
    ("value against its own counts", long_csv(f"{SCA},E06000001,2021/22,90,10,100,,,"), 2, "value",
     "90 does not match its numerator and denominator: 100 × 10/100 = 10"),
    ("rate against its own counts", long_csv("drug_hospital_admissions,E06000001,2021/22,50,5,100000,,,"), 2,
     "value", "100000 × 5/100000 = 5, beyond rounding"),
    ("percentage as a fraction of its counts", long_csv(f"{SCA},E06000001,2021/22,0.36,36,100,,,"), 2, "value",
     "0.36 is the fraction 36/100 on a 0–1 scale"),
    ("percentage as a fraction, England without counts", long_csv("drug_use_last_year,E92000001,2021/22,0.092,,,,,"),
     2, "value", "0.092 looks like a fraction on a 0–1 scale"),
    ("percentage as fractions, ten authorities without counts", long_csv(*(
        f"in_treatment_stable_accommodation,E0600000{n},2021/22,0.{70 + n},,,,," for n in range(1, 10)),
        "in_treatment_stable_accommodation,E06000010,2021/22,0.8,,,,,"), 2, "value", "looks like a fraction"),
    ("negative lower limit of a rate", long_csv("drug_hospital_admissions,E06000001,2021/22,5,5,100000,-1,9,"), 2,
     "lower_ci", "lower limit -1 is below 0, impossible for a count or a rate"),
    ("negative lower limit of a count", long_csv("drug_related_homicides,E06000001,2021/22,3,,,-0.5,8,"), 2,
     "lower_ci", "lower limit -0.5 is below 0"),
    ("negative lower limit of a percentage", long_csv(f"{SCA},E06000001,2021/22,1,1,100,-0.2,5,"), 2, "lower_ci",
     "lower limit -0.2 is below 0, impossible for a percentage"),
    ("Fingertips negative lower limit", "\n".join([FT_HEADER, FT_ROW.format(ind=92432, code="E06000001")
                                                   .replace(",5.1,4.0,6.3,", ",5.1,-0.4,6.3,")]) + "\n",
     2, "Lower CI 95.0 limit", "below 0, impossible for a count or a rate"),
    ("fractional count", long_csv("drug_related_homicides,E06000001,2021/22,3.5,,,,,"), 2, "value",
     "3.5 is not a whole number, but this metric is a count"),
    ("fractional numerator", long_csv(f"{SCA},E06000001,2021/22,20,20.5,100,,,"), 2, "numerator",
     "20.5 is not a whole number"),
    ("alias contradicting its code", long_csv(f"{SCA},E06000001,2021/22,20,20,100,,,,Cornwall and Isles of Scilly",
                                              header=LONG_HEADER + ",area_name"), 2, "area_code",
     "area code 'E06000001' (Hartlepool) contradicts the name 'Cornwall and Isles of Scilly'"),
    # Bytes that are not CSV text (data_access/ingest/text.py).
    ("spreadsheet instead of CSV", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, 1, "",
     "not CSV text but a zip archive"),
    ("binary data", b"metric,area\n" + bytes(range(256)) * 8, 2, "", "not CSV text but binary data"),
    ("NUL byte in a cell", long_csv(f"{SCA},E06000001,2021/22,20,20,100,13,29,bad\x00note"), 2, "note",
     "holds a NUL byte"),
    ("NUL byte in a code", long_csv(GOOD, f"{SCA},E0600\x000002,2021/22,20,20,100,13,29,"), 3, "area_code",
     "holds a NUL byte"),
    ("NUL byte in the header", long_csv(GOOD, header=LONG_HEADER + "\x00"), 1, "#9", "holds a NUL byte"),
]


@pytest.mark.parametrize(("content", "line", "column", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_file_is_refused_with_line_and_column_and_writes_nothing(refusing_store, write_file, content, line,
                                                                     column, fragment):
    path = write_file(content)
    before = fingerprint(refusing_store)
    with pytest.raises(ValidationFailed) as refused:
        load_file(path, refusing_store, publisher="test")
    problems = refused.value.report.problems
    matching = [p for p in problems if fragment in p.message]
    assert matching, f"no problem mentions {fragment!r}: {[str(p) for p in problems]}"
    assert (matching[0].row, matching[0].column) == (line, column), str(matching[0])
    assert fingerprint(refusing_store) == before


def test_every_problem_is_listed_not_just_the_first(store, write_file):
    path = write_file(long_csv(
        "nope,E06000001,2021/22,1,,,,,",
        f"{SCA},E06999999,2021/22,20,20,100,13,29,",
        f"{SCA},E06000003,2021/22,abc,20,100,,,",
        f"{SCA},E06000004,2021/22,20,120,100,13,29,",
    ))
    with session_scope(store) as session:
        report = validate_file(path, session)
    assert [(p.row, p.column) for p in report.problems] == [(2, "metric"), (3, "area_code"), (4, "value"),
                                                            (5, "numerator")]
    assert str(report.problems[0]).startswith("line 2, column metric: unknown metric 'nope'")


def test_line_numbers_count_blank_lines_and_multi_line_cells(store, write_file):
    content = (LONG_HEADER_B + "\n\n"
               f'{SCA},E06000001,2021/22,20,20,100,13,29,"a note\nover two lines",all\n'
               f"{SCA},E06000002,2021/22,oops,20,100,13,29,,all\n")
    with session_scope(store) as session:
        report = validate_file(write_file(content), session)
    assert [(p.row, p.column) for p in report.problems] == [(5, "value")]


def test_validation_reports_without_writing_even_for_a_good_file(store, write_file):
    before = fingerprint(store)
    with session_scope(store) as session:
        report = validate_file(write_file(long_csv(GOOD)), session)
    assert report.ok and len(report.frame) == 1
    assert fingerprint(store) == before


def test_a_file_whose_every_row_is_skipped_is_refused(refusing_store, write_file):
    before = fingerprint(refusing_store)
    with pytest.raises(ValidationFailed) as refused:
        load_file(write_file(long_csv(f"{SCA},W06000001,2021/22,20,20,100,13,29,")), refusing_store)
    [problem] = refused.value.report.problems
    assert problem.row == 0 and "nothing to load: every row was skipped (1 areas outside England" in problem.message
    assert fingerprint(refusing_store) == before

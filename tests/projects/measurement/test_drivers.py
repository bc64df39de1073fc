"""Driver diagrams typed as a nested list (plain functions, no database)."""

from projects.measurement.drivers import Problem, as_text, parse, walk

TEXT = """Reduce falls with harm by 30% by March 2027
- A safe environment
  - Call bells within reach
    - Bay nursing on every ward
    - Intentional rounding
- Patients who know their risk
  - Falls risk talked through on admission
"""


def test_a_nested_list_becomes_aim_drivers_and_change_ideas_and_back():
    root, problems = parse(TEXT)
    assert problems == [] and root is not None
    assert [(n.kind, n.text) for n in walk(root)] == [
        ("aim", "Reduce falls with harm by 30% by March 2027"),
        ("primary", "A safe environment"),
        ("secondary", "Call bells within reach"),
        ("change", "Bay nursing on every ward"),
        ("change", "Intentional rounding"),
        ("primary", "Patients who know their risk"),
        ("secondary", "Falls risk talked through on admission"),
    ]
    assert as_text(root) == TEXT
    assert parse(as_text(root))[0] == root


def test_tabs_spaces_and_bullets_all_indent():
    root, problems = parse("Aim\n\tPrimary\n\t\tSecondary\n\t\t\t* Change\n")
    assert problems == [] and [n.level for n in walk(root)] == [0, 1, 2, 3]


def test_every_line_that_cannot_be_placed_is_named():
    root, problems = parse(
        "  Indented aim\nAim\nSecond aim\n    - Change under the aim\n- Driver\n        - Too deep\n"
    )
    assert root is None
    assert problems == [
        Problem(1, "Start with the aim, not indented"),
        Problem(3, "There can be only one aim: indent this line under it"),
        Problem(4, "Indented too far: a change idea must sit under a secondary driver"),
        Problem(6, "Indent at most three steps: primary driver, secondary driver, change idea"),
    ]
    assert parse("  \n")[1] == [Problem(0, "Type the aim on the first line")]


def test_the_demo_driver_diagrams_parse_and_name_the_change_ideas_their_cycles_test():
    from projects.measurement.demo import CYCLES, DIAGRAMS

    for title, text in DIAGRAMS.items():
        root, problems = parse(text)
        assert problems == [] and as_text(root) == text
        ideas = {n.text for n in walk(root) if n.kind == "change"}
        tested = {idea for project, idea, *_ in CYCLES if project == title}
        assert tested <= ideas

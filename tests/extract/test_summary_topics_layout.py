from wirebrief.extract.layout import byline_name, is_trailer, normalize, split_paragraphs
from wirebrief.extract.summary import sentences, summarize
from wirebrief.extract.topics import classify


def test_summary_is_whole_sentences_within_the_limit():
    lede = "The U.S. said on Nov. 29 that Gov. J. Smith will go. He agreed. " + "More words here. " * 30
    summary = summarize(lede, max_chars=70)
    assert summary == "The U.S. said on Nov. 29 that Gov. J. Smith will go. He agreed."
    assert summarize("One very long sentence without end " * 20, 50).startswith("One very long")  # never cut mid-sentence


def test_sentence_split_keeps_abbreviations():
    assert sentences('He said "Yes." Then Mr. Li left. OK') == ['He said "Yes."', "Then Mr. Li left.", "OK"]


def test_category_from_mapping_with_default():
    topics = {"Energy": ("gas", "oil"), "Sport": ("marathon",)}
    assert classify("Gas prices rise", "oil and gas", topics)[0] == "Energy"
    assert classify("Nothing here", "at all", topics, default="World") == ("World", [])


def test_paragraph_shapes():
    blank_separated = normalize("Title\r\n\r\nOne line\r\nwrapped.\r\n\r\nTwo.")
    assert split_paragraphs(blank_separated) == ["Title", "One line wrapped.", "Two."]
    one_per_line = normalize("Title\nFirst.\nSecond.")
    assert split_paragraphs(one_per_line) == ["Title", "First.", "Second."]
    reuters = normalize("TITLE\n\n    SALVADOR, Feb 26 - Showers\ncontinued.\n    The dry period\nmeans.\n\nReuter")
    assert split_paragraphs(reuters) == ["TITLE", "SALVADOR, Feb 26 - Showers continued.", "The dry period means.", "Reuter"]


def test_trailers_and_bylines():
    for line in ["Enditem", "(END)", "==Kyodo", "Reporting by A; Editing by B", "PTI ABC RKS", "cd/lth", "Reuter"]:
        assert is_trailer(line), line
    assert not is_trailer("The end of the story came on Monday.")
    assert byline_name("By Kim Soo-yeon") == "Kim Soo-yeon"
    assert byline_name("By the way, this is not a byline") is None

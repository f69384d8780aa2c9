import pytest

from wirebrief.extract.credits import parse_caption


@pytest.mark.parametrize("paragraph, caption, credit", [
    ("Li Keqiang meets Alikhan Smailov in Beijing, China, November 29, 2022. (Photo: Xinhua)",
     "Li Keqiang meets Alikhan Smailov in Beijing, China, November 29, 2022.", "Xinhua"),
    ("Visitors walk in Harbin, Jan. 5, 2023. (Xinhua/Li Xin)", "Visitors walk in Harbin, Jan. 5, 2023.", "Xinhua/Li Xin"),
    ("President speaks in Austin. (AP Photo/Eric Gay)", "President speaks in Austin.", "AP Photo/Eric Gay"),
    ("Leaders meet at the White House. REUTERS/Kevin Lamarque", "Leaders meet at the White House.", "REUTERS/Kevin Lamarque"),
    ("Leaders meet. REUTERS/Kevin Lamarque/File Photo", "Leaders meet.", "REUTERS/Kevin Lamarque/File Photo"),
    ("Macron speaks in Paris. Photo by Ludovic MARIN / AFP", "Macron speaks in Paris.", "Ludovic MARIN / AFP"),
    ("A crowd gathers. Photo by Jo Smith/AFP via Getty Images", "A crowd gathers.", "Jo Smith/AFP via Getty Images"),
    ("Workers install a pump. Photo: Kay Nietfeld/dpa", "Workers install a pump.", "Kay Nietfeld/dpa"),
    ("Runners cross the line. Photo: Getty Images", "Runners cross the line.", "Getty Images"),
    ("A drone lands. [Photo by Li Ming/chinadaily.com.cn]", "A drone lands.", "Li Ming/chinadaily.com.cn"),
    ("Leaders meet in Rome. (EPA-EFE/ANGELO CARCONI)", "Leaders meet in Rome.", "EPA-EFE/ANGELO CARCONI"),
])
def test_caption_conventions(paragraph, caption, credit):
    found = parse_caption(paragraph)
    assert (found.caption, found.credit) == (caption, credit)


@pytest.mark.parametrize("paragraph", [
    "BEIJING, Nov. 29 (Xinhua) -- China said on Tuesday it would cooperate.",
    "It rained all day, the agency said (Reuters).",
    "He said the photo: was fine and everyone agreed with him on the matter at hand.",
    "Li made the remarks when meeting with Kazakh Prime Minister Alikhan Smailov via video link.",
])
def test_body_paragraphs_are_not_captions(paragraph):
    assert parse_caption(paragraph) is None

"""Roles (strategies role.*, backstory.people.roles): where a cited person's role comes from, and what is no role."""

import pytest

from backstory.people import role_of

from people_support import cited, model, run  # noqa: F401 (model is a fixture)


def test_said_before_name_and_apposition_role(model):
    _, r = run(model, "“We have seen prices rise every month since the spring,” said Maria Lopez, "
                      "an economist at the University of Chicago.")
    person = cited(r)["Maria Lopez"]
    assert person.role == "economist at the University of Chicago"


@pytest.mark.parametrize("sentence, name", [
    ("Jane Doe, 34, said she heard gunshots around midnight and called the police immediately.", "Jane Doe"),
    ("“I could not breathe at night,” 43-year-old Martin Hale of Aberdeen wrote in his account.", "Martin Hale"),
])
def test_age_is_not_a_role(model, sentence, name):
    _, r = run(model, sentence)
    assert cited(r)[name].role is None


def test_age_is_cut_from_a_role(model):
    _, r = run(model, "“It will be part of my life forever,” 32-year-old admirer Gustav Lind told reporters.")
    assert cited(r)["Gustav Lind"].role == "admirer"


@pytest.mark.parametrize(("paragraph", "name", "role"), [
    # a name the model calls an organisation, in apposition to the subject that gives the role
    ("“After a full assessment of what has emerged during the preliminary investigation, the evidence is not strong "
     "enough to file an indictment,” Sweden’s deputy director of public prosecutions, Eva-Marie Persson, said on Tuesday.",
     "Eva-Marie Persson", "Sweden’s deputy director of public prosecutions"),
    # the place at the end of the role stays in it
    ("“If the situation becomes uncontrollable, the government would not sit on its hands and watch,” China’s "
     "ambassador to Britain, Liu Xiaoming, said on Monday.", "Liu Xiaoming", "China’s ambassador to Britain"),
])
def test_role_given_by_the_subject_the_name_stands_beside(model, paragraph, name, role):
    _, r = run(model, paragraph)
    p = cited(r)[name]
    assert p.role == role and len(p.quotes[0].text.split()) >= 10


def test_hyphenated_given_name_opens_the_name(model):
    # the capitalised words before 'Eva-Marie' are the role, not more of her name
    doc = model("Deputy Director of Public Prosecution Eva-Marie Persson took the decision, the authority said.")
    assert role_of(next(t for t in doc if t.text == "Persson"), doc)[0] == "Deputy Director of Public Prosecution"


@pytest.mark.parametrize("role, rejected", [
    ('water in vapor form," lead researcher', True),
    ("“I’d Do Anything", True),
    ("“Today” show host", False),
    ("political analyst", False),
])
def test_roles_cut_from_quotations_are_dropped(role, rejected):
    from backstory.people.roles import _inside_quote
    assert _inside_quote(role) is rejected


def test_a_name_in_a_role_before_a_name_stays(model):
    _, r = run(model, "“We will not comment on an ongoing investigation,” Biden spokesperson Andrew Bates said.")
    assert cited(r)["Andrew Bates"].role == "Biden spokesperson"


@pytest.mark.parametrize("sentence, name, role", [
    # (after a conjunction only: what stands before it may describe someone else)
    ("“The series will run for another year,” said writer and jewelry designer Elise Matthesen.",
     "Elise Matthesen", "jewelry designer"),
    ("- SoftBank CEO Masayoshi Son has told WeWork executives that the company must turn a profit by 2021.",
     "Masayoshi Son", "SoftBank CEO"),
])
def test_pre_modifier_roles_keep_their_words_and_lose_bullets(model, sentence, name, role):
    _, r = run(model, sentence)
    assert cited(r)[name].role == role


@pytest.mark.parametrize(("text", "name", "role", "cue"), [
    # the role stops at a comma, and a time is no role
    ("Speaking from a stage at the company's headquarters in Redmond, Washington, Chief Executive Satya Nadella said "
     "that corporations need to create plans to remove carbon.", "Satya Nadella", "Chief Executive", "said"),
    # an organisation put before the speaker is their affiliation when no mention gives a role
    ("From the Copernicus Climate Change Service, Samantha Burgess confirms with high certainty that the global "
     "temperature has surpassed pre-industrial averages.", "Samantha Burgess", "From the Copernicus Climate Change Service",
     "confirms"),
    # the one name conjoined to a subject that is a description
    ('American academic and professor Marc Lamont Hill commented, "Hoping that the movement translates into a '
     'substantive national conversation on race and punishment."', "Marc Lamont Hill", "professor", "commented"),
    # 'remembers' after a quotation
    ("“We were amazed at how smart these goats were,” remembers Shanna Challenger, coordinator for the programme, "
     "with a laugh.", "Shanna Challenger", "coordinator for the programme", "remembers"),
])
def test_speaker_role_and_cue(model, text, name, role, cue):
    _, r = run(model, text)
    person = cited(r)[name]
    assert (person.role, person.quotes[0].cue) == (role, cue)


def test_role_opening_with_a_quoted_title_keeps_its_mark(model):
    _, r = run(model, "“Today” show host Hoda Kotb said the footage had stunned everyone in the studio.")
    assert cited(r)["Hoda Kotb"].role == "“Today” show host"


def test_common_noun_role_the_parse_hangs_elsewhere(model):
    _, r = run(model, "Both Agerblad and tattoo artist Zashay Tastas were surprised by the interest shown by the media.",
               "“People have been asking for it all week,” Tastas said.")
    assert cited(r)["Zashay Tastas"].role == "tattoo artist"


def test_apposition_roles_hyphenated_and_without_relative_clause(model):
    _, r = run(model, "Prof David Green, vice-chancellor of Worcester University, agrees that many students are "
                      "“feeling blamed and abandoned and this isn’t fair”.",
               "Prof Gavin Yamey, director of the Centre for Policy Impact at Duke University, who is leading a "
               "study, said the plan to reopen campuses was wrong.")
    people = cited(r)
    assert people["David Green"].role == "vice-chancellor of Worcester University"
    assert people["Gavin Yamey"].role == "director of the Centre for Policy Impact at Duke University"


def test_office_title_before_a_surname_is_the_role_not_the_name(model):
    # (the model takes the title into the entity here: 'Congressman Meadows')
    _, r = run(model, "Mark Meadows retired. “It is time for me to go home to my family,” Congressman Meadows said.")
    people = cited(r)
    assert set(people) == {"Mark Meadows"}
    assert people["Mark Meadows"].role == "Congressman"


def test_list_after_a_name_is_no_role(model):
    _, r = run(model, "A row involving Taylor Swift, her former record label and a couple of big name US politicians "
                      "looks like it's coming to an end.",
               "“I just want to be able to perform my own music,” Taylor Swift said.",
               "Ronald Moy, a board-certified dermatologist and the founder of DNA Renewal, said new skin cells "
               "originate in the basal layer of the skin.")
    people = cited(r)
    assert people["Taylor Swift"].role is None
    # two roles joined by 'and' are still a role
    assert people["Ronald Moy"].role.startswith("board-certified dermatologist and the founder")


def test_quantifiers_and_organisations_are_no_roles(model):
    _, r = run(model, "Tariffs have also strengthened the country's leverage after massive job losses in recent decades, "
                      "said Scott Paul, who heads the Alliance for American Manufacturing, a group that has applauded the decisions.",
               "Federal prosecutors alleged that Tova Noel and Michael Thomas lingered in an office.",
               "Noel and Thomas both acknowledged to supervisors that they had not made their checks.")
    # (not 'Prosecutors alleged that Noel and Thomas both acknowledged …': a report inside the prosecutors' allegation)
    people = cited(r)
    # (the relative clause gives the role; the apposition 'a group that …' describes the alliance)
    assert people["Scott Paul"].role == "heads the Alliance for American Manufacturing"
    assert people["Tova Noel"].role is None and people["Michael Thomas"].role is None


@pytest.mark.parametrize("clause, role", [
    ("who studies municipal finance at Rutgers University", "studies municipal finance at Rutgers University"),
    ("who teaches economics at Yale", "teaches economics at Yale"),
    ("who covers China for the network", "covers China"),
    # a thing done once is no role, nor is where someone studies
    ("who studied the report last year", None),
    ("who studies at Stanford University", None),
])
def test_what_a_person_does_for_a_living_is_their_role(model, clause, role):
    _, r = run(model, f"“We are losing money every single day,” said Maria Alvarez, {clause}.")
    assert cited(r)["Maria Alvarez"].role == role


def test_role_from_a_relative_clause_saying_what_the_person_leads(model):
    _, r = run(model, "Jane Roe, who runs a bakery in Leeds, said prices had doubled.",
               "“It is bad,” said Tom Lee, who founded the charity in 1999.",
               "“It is worse,” said Ann Fry, who has visited the charity twice.")
    people = cited(r)
    assert people["Jane Roe"].role == "runs a bakery in Leeds"
    assert people["Tom Lee"].role == "founded the charity"
    assert people["Ann Fry"].role is None  # visiting is no role


def test_the_first_role_the_article_gives_is_the_role(model):
    # annotation rule: of several roles, the first descriptive one in the body
    _, r = run(model, "Dee Dee Myers — a White House press secretary for Bill Clinton — is leaving the studio.",
               "Myers, who was EVP of worldwide corporate communications, told Variety: “I’m going to take some time "
               "to figure out what’s next.”")
    assert cited(r)["Dee Dee Myers"].role == "White House press secretary for Bill Clinton"
    # an earlier 'role' that is no person's role, or that holds part of the name, does not replace the quote's
    _, r = run(model, "The lab works under associate professor of mechanical engineering Chinedum Okwudire.",
               "“It acts preemptively,” said Chinedum Okwudire, an associate professor who directs the lab.")
    assert cited(r)["Chinedum Okwudire"].role == "associate professor who directs the lab"


def test_role_without_the_persons_own_first_name(model):
    _, r = run(model, "After the leak, CEO of the Refugee Council Enver Solomon told Sky News that any process must be "
                      "well thought out before it starts.")
    assert cited(r)["Enver Solomon"].role == "CEO of the Refugee Council"


def test_caption_credit_label_is_no_role(model):
    _, r = run(model, "Daniel Montalvo holds a copy of the book in September 2010. Image: Mark Rathbun.",
               "Rathbun wrote, “He would be put behind iron bars for a good long time unless he returned.”")
    assert cited(r)["Mark Rathbun"].role is None


def test_letters_after_the_name(model):
    # 'SC' between the name and its verb: the name still says it
    _, r = run(model, "Speaking in the parents' defense, Tom Molomby, SC, said that the parents should be declared "
                      "not guilty because of cultural differences.")
    assert "Tom Molomby" in cited(r)
    # credentials opening an apposition are not its role ('MD, MSc, Senior Deputy Editor')
    _, r = run(model, "Cynthia D. Mulrow, MD, MSc, Senior Deputy Editor, reports that she has no relationships or "
                      "interests to disclose.")
    assert cited(r)["Cynthia D. Mulrow"].role == "Senior Deputy Editor"


@pytest.mark.parametrize("sentence, name, role", [
    # a lawmaker's party and state after the name say which one; the title before it is the role
    ('Sen. Ben Sasse, R-Neb., called his death "a crisis of public trust" within the prison system.', "Ben Sasse", "Sen."),
    ("Rep. Ann Lee, D-N.Y., said that the bill would not pass this year.", "Ann Lee", "Rep."),
    # what the person serves or works as, now or at the time
    ("At the time, Dr. Ronny Jackson, who was then serving as the President's physician, said that the president "
     "should lose weight.", "Ronny Jackson", "President's physician"),
    ("Ann Lee, who serves as mayor, said that the plan would fail.", "Ann Lee", "mayor"),
    ("Ann Lee, who works as a nurse at the county hospital, said that the ward was short of staff.", "Ann Lee",
     "nurse at the county hospital"),
    # a lawyer's client
    ("Jason Foy, who represents Tova Noel, said that his client would fight the charges in court.", "Jason Foy",
     "represents Tova Noel"),
    # a share of a group ('some of', 'one of'), as a USA Today story, 2019-11-19, put it
    ("Jack Scarola, who represents some of Epstein’s accusers, said he's pleased to see authorities investigate.",
     "Jack Scarola", "represents some of Epstein’s accusers"),
    ("Ann Lee, who leads one of the rescue teams, said that the ward was short of staff.", "Ann Lee",
     "leads one of the rescue teams"),
])
def test_roles_from_a_title_with_the_party_a_serving_clause_or_a_client(model, sentence, name, role):
    _, r = run(model, sentence)
    assert cited(r)[name].role == role


@pytest.mark.parametrize("sentence, name", [
    ("Ann Lee, who served as mayor for a decade, said that the plan would fail.", "Ann Lee"),  # (a former role)
    ("Ann Lee, D-N.Y., said that the bill would not pass this year.", "Ann Lee"),  # (no title: the label stays)
    # ('some of them' says whom only with a noun)
    ("Jack Scarola, who represents some of them, said he's pleased to see authorities investigate.", "Jack Scarola"),
])
def test_a_former_service_is_no_role_and_a_party_label_alone_stays(model, sentence, name):
    _, r = run(model, sentence)
    assert cited(r)[name].role in (None, "D-N.Y.")


@pytest.mark.parametrize("paragraphs, name", [
    # an adjective, though the model tags it a noun (issue 26: 'usually dapper')
    (["The usually dapper Tom Ford said that the collection would ship in May."], "Tom Ford"),
    (["Ann Lee, usually dapper, said that the collection would ship in May."], "Ann Lee"),
    # what the person is not, or only might be (issue 26: 'Trump is not the first …')
    (["Donald Trump is not the first president to attack the press.", "“The media is the enemy,” Trump said."],
     "Donald Trump"),
    (["Lisa Monroe could be the next director of the Brookings Institution.",
      "“The numbers are worse than anyone expected,” Monroe said."], "Lisa Monroe"),
    # another person's title: the surname alone, before she is named, is her husband's
    (["President Trump and his wife Melania visited the hospital.", "“The nurses are heroes,” Melania Trump said."],
     "Melania Trump"),
    # a fictional character is no role of the actor's
    (["Chris Pine, who plays Captain James T. Kirk, said that the script was ready."], "Chris Pine"),
])
def test_descriptions_denials_other_peoples_titles_and_characters_are_no_roles(model, paragraphs, name):
    _, r = run(model, *paragraphs)
    assert cited(r)[name].role is None


def test_a_role_noun_with_an_adverb_stays_a_role(model):
    _, r = run(model, "Ann Lee, a very senior economist at the bank, said that rates would rise.",
               "Senator John Smith opened the hearing.", "“The nurses are heroes,” Smith said.")
    assert cited(r)["Ann Lee"].role == "very senior economist at the bank"
    assert cited(r)["John Smith"].role == "Senator"


def test_a_title_given_with_the_full_name_stays_when_the_quote_calls_her_by_honorific(model):
    # (a BBC story, 2019-11-19, in the ScrapingHub benchmark, shortened)
    _, r = run(model, "Deputy Director of Public Prosecution Eva-Marie Persson took the decision to end the inquiry.",
               "Ms Persson said: “I would like to emphasise that the injured party has given a credible account.”")
    assert cited(r)["Eva-Marie Persson"].role == "Deputy Director of Public Prosecution"

"""Word lists the rules consult, kept apart from the rules.

Each list is generic (languages and styles, not the sample files); extending
one is the cheap way to teach the parser a new abbreviation or name.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set from a whitespace-separated word list (lists stay readable)."""
    return frozenset(text.split())


# Words of organization names and document titles: a given-first "name" containing one is not a person.
ORG_WORDS = words(
    "organization organisation institute university ministry committee council union association society agency "
    "bank fund office center centre department commission secretariat federation republic government parliament "
    "assembly group company corporation foundation academy board service forum nations states act declaration "
    "charter treaty convention agreement strategy concept report review law code statement summit security policy "
    "cooperation international national world global regional press publishing publishers news times journal "
    "bulletin proceedings conference studies research program programme project analysis affairs relations"
)

# Common given names: evidence that `Tim Watson.` is a person printed given-first.
COMMON_GIVEN = words(
    "john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark "
    "donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob "
    "gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick "
    "raymond jack dennis jerry tyler aaron henry peter adam nathan zachary douglas walter kyle harold carl arthur "
    "roger keith jeremy lawrence sean christian albert joe ethan austin jesse willie billy bryan bruce jordan ralph "
    "roy noah dylan eugene wayne alan juan louis russell gabriel randy philip harry vincent bobby johnny logan mary "
    "patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret betty sandra ashley "
    "dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia "
    "kathleen amy shirley angela helen anna brenda pamela nicole ruth katherine samantha christine emma catherine "
    "debra virginia rachel carolyn janet maria heather diane julie joyce victoria kelly christina joan evelyn "
    "lauren judith olivia martha cheryl megan andrea hannah jacqueline ann jean alice kathryn gloria teresa doris "
    "sara janice julia marie madison grace judy theresa beverly denise marilyn amber danielle abigail brittany rose "
    "diana natalie sophia alexis lori kayla jane barry ole alexander marat sergei sergey dmitri dmitry ivan "
    "vladimir nikolai andrei andrey mikhail alexei alexey yuri igor oleg pavel boris anatoly viktor victor elena "
    "olga irina natalia natalya tatiana svetlana galina marina ludmila nadezhda ekaterina kairat nursultan askar "
    "bulat timur ruslan erlan daniyar aigerim aliya gulnara dinara saule zarina rustam farhod hans klaus jurgen "
    "wolfgang pierre jacques francois jean-pierre marco giovanni luca carlos jose luis miguel antonio manuel pedro "
    "ahmed mohammed muhammad ali hassan hussein fatima yusuf omar emre mehmet mustafa kemal zbigniew amitav rajan "
    "richard martin fiona ian neil graham simon stuart colin nigel malcolm gordon alastair duncan hugh kenneth "
    "rupert oliver sebastian"
)

# Words whose full stop never ends an element (`Vol.`, `ред.`, `Univ.`).
ABBREVIATIONS = words(
    "vol vols no nos nr pp p pt ред изд т с см стр вып др им ин univ inst acad dept st dr mr mrs ms jr sr "
    "prof corp co ltd vs cf etc al approx int j proc conf symp trans rev sci res intl natl assoc soc бр кн науч "
    "практ межд междунар конф сб тр зап учеб юрид ист экон полит канд докт дис автореф филол пед техн гос нац ун-т "
    "ун-та ин-т ин-та акад инж мед biol chem phys math eng econ polit hist med agric ann bull comm commun dev educ "
    "environ geogr inf lett mag manag mater mech res stud surv technol theor bd hrsg ch sect art fig суч держ "
    "міжнар наук пр вид обл ул пер лит обл ср рус англ каз укр болг гл разд"
)

# Markers whose full stop before a number never ends an element (`Вип. 3`, `no. 4`).
LOCATOR_MARKERS = words("вип вып бр кн т ст стр стор бет б с no nos iss suppl pt ч vol vols pp p s ss bd h nr")

# First words of document titles (`Charter of ...`): such a sentence is a title, not a corporate author.
DOCUMENT_WORDS = words(
    "charter declaration convention treaty agreement act report law statement strategy concept resolution decree "
    "protocol program programme doctrine summit joint the a an on устав декларация конвенция договор соглашение "
    "закон указ постановление концепция стратегия доктрина программа доклад отчет отчёт заявление послание"
)

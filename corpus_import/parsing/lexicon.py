"""Word lists the rules consult, kept apart from the rules.

Each list is generic (languages and styles, not the sample files); extending
one is the cheap way to teach the parser a new abbreviation or name.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set from a whitespace-separated word list (lists stay readable)."""
    return frozenset(text.split())


def phrases(text: str) -> frozenset[str]:
    """A set from a comma-separated list of names that may contain spaces (`new york, ann arbor`)."""
    return frozenset(p.strip() for p in text.split(",") if p.strip())


# Words of organization names and document titles: a given-first "name" containing one is not a person.
ORG_WORDS = words(
    "organization organisation institute university ministry committee council union association society agency "
    "bank fund office center centre department commission secretariat federation republic government parliament "
    "assembly group company corporation foundation academy board service forum nations states act declaration "
    "charter treaty convention agreement strategy concept report review law code statement summit security policy "
    "cooperation international national world global regional press publishing publishers news times journal "
    "bulletin proceedings conference studies research program programme project analysis affairs relations"
)

# Stems of words naming bodies in Russian, Ukrainian, Bulgarian and Kazakh (`Министерство`, `агенттігі`).
ORG_STEMS = words(
    "министерств міністерств министрлі организаци організаці комитет комітет агентств агентств агенці "
    "агенттіг институт інститут университет університет правительств уряд фонд центр ассоциаци асоціаці "
    "асоциаци союз служб департамент администраци адміністраці парламент банк академи академі ұйым комисси "
    "комісі комиси палат управлени управлінн съвет совет рада кеңес агенци статистик бюро"
)

# The same stems romanized (`Ministerstvo inostrannykh del`, `Byuro natsional'noi statistiki`).
ROMANIZED_ORG_STEMS = words(
    "ministerstv ministrligi komitet agentstv agenttigi institut universitet pravitel'stv fond tsentr assotsiatsi "
    "soyuz sluzhb departament administratsi parlament akademi komissi palat upravleni sovet byuro"
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
    "rupert oliver sebastian "
    # more international, post-Soviet and Central Asian given names (romanized), none of them an English word
    "rupert oliver sebastian tim nick mike rob bob jim jeff steve chris matt alex andy tony fred marlene "
    "sebastien shirin nargis roald boris dmitri dmitrii mikhail fyodor fedor anatoly anatolii vitaly "
    "vitalii valery valerii gennady gennadii evgeny evgenii yevgeny stanislav vasily vasilii vyacheslav "
    "grigory grigorii arkady ilya anastasia daria darya elizaveta evgenia ksenia lyudmila lyubov polina "
    "sofia tamara valentina yulia yuliya zoya alla inna larisa oksana taras bohdan mykola petro oleksandr "
    "oleksiy volodymyr yuriy serhiy andriy vasyl ihor olena nataliia iryna tetiana halyna kateryna "
    "nursultan kassym-jomart kasym-zhomart mukhtar nurlan yerlan yerzhan marat murat bakhyt daulet aidos "
    "zhanna saltanat gulnar gulmira madina aizhan ainur assel akmaral kamila zhanar zhuldyz meruyert "
    "aigul aliya aisulu botagoz rustem rashid farid bakhtiyar sherzod dilshod jasur akmal ulugbek shavkat "
    "kubanychbek almazbek sooronbay emomali saparmurat gurbanguly ilham heydar nikol serzh levon giorgi "
    "mikheil zurab mamuka elnur hiroshi takeshi kenji yuki akira haruki jae-ho min-jun seung ji-hoon raj "
    "rahul amit sanjay sunil anil vijay priya deepak arjun mahmoud khalid hamid samir nasser tariq "
    "hossein mohammad recep ahmet ayse zeynep hakan lars ole nils sven erik johan anders henrik bjorn "
    "piotr pawel krzysztof tomasz marek andrzej jacek stanislaw zbigniew ivan petar georgi dimitar todor "
    "stefan nikolay hristo krasimir rumen plamen boyko kiril rossen marco matteo giuseppe francesco "
    "alessandro lorenzo paolo roberto stefano andrea sergio javier alejandro fernando ricardo pablo diego "
    "rafael jorge alberto enrique jean-paul jean-claude jean-marc philippe michel alain christophe "
    "nicolas laurent olivier sylvie nathalie isabelle friedrich heinrich hermann ulrich dieter gerhard "
    "helmut werner manfred ursula stephen zbigniew"
)

# Words whose full stop never ends an element (`Vol.`, `ред.`, `Univ.`).
ABBREVIATIONS = words(
    "vol vols no nos nr pp p pt ред изд т с см стр вып др им ин univ inst acad dept st dr mr mrs ms jr sr "
    "prof corp co ltd vs cf etc al approx int j proc conf symp trans rev sci res intl natl assoc soc бр кн науч "
    "практ межд междунар конф сб тр зап учеб юрид ист экон полит канд докт дис автореф филол пед техн гос нац ун-т "
    "ун-та ин-т ин-та акад инж мед biol chem phys math eng econ polit hist med agric ann bull comm commun dev educ "
    "environ geogr inf lett mag manag mater mech res stud surv technol theor bd hrsg ch sect art fig суч держ "
    "міжнар наук пр вид обл ул пер лит обл ср рус англ каз укр болг гл разд утв св ред-р прил доп испр перераб "
    "сост упоряд съст авт-сост пер предисл вступ рук исполн "
    "ed eds repr "
    # Ukrainian, Bulgarian and Kazakh abbreviations of the same kind (`ім. І. Ф. Кураса`, `навч. посіб.`)
    "ім політ етнонац дослідж навч посіб зб упоряд укл перекл держ ун-ту ін-ту уч изд-во вид-во "
    "құраст бас унив проф акад доц "
    # romanized twins of the same (`pod red. A.V. Torkunova`, `V kn.:`, `ucheb. posobie`)
    "red otv nauch obshch kn sb izd ucheb posob kand polit ekon istor filos ред.-сост редкол "
    # ISO 4 journal-title words that are not English words (`Atmos. Environ.`, `J. Hydrol.`, `Sci. Total Environ.`)
    "atmos hydrol ecol geophys geol agron appl biotechnol catal comput electr oceanogr pharmacol physiol psychol "
    "sociol syst toxicol transp nutr microbiol neurosci immunol genet clin epidemiol zool entomol anthropol "
    "archaeol linguist philos"
)

# Markers whose full stop before a number never ends an element (`Вип. 3`, `no. 4`).
# `Ser. 25`, `Сер. 3`: a series number stays with its journal (never a sentence end).
LOCATOR_MARKERS = words("вип вып бр кн т ст стр стор бет б с no nos iss suppl pt ч vol vols pp p s ss bd h nr ser сер")

# First words of document titles (`Charter of ...`): such a sentence is a title, not a corporate author.
DOCUMENT_WORDS = words(
    "charter declaration convention treaty agreement act report law statement strategy concept resolution decree "
    "protocol program programme doctrine summit joint the a an on constitution code decree resolution order "
    "regulation regulations memorandum устав декларация конвенция договор соглашение конституция кодекс хартия "
    "меморандум пакт "
    "закон указ постановление концепция стратегия доктрина программа доклад отчет отчёт заявление послание"
)

# Publishing places: a bare capitalized word next to a container or publisher is a place only if it is known
# (or abbreviated like `М.`); otherwise it is more likely a journal subtitle (`Политология`) or a publisher
# (`Bloomsbury, 2015`). Lower case, without the final full stop; comma-separated because names have spaces.
KNOWN_PLACES = phrases(
    "abingdon, aldershot, almaty, amherst, amsterdam, ankara, ann arbor, armonk, ashgabat, astana, athens, "
    "atlanta, austin, baku, baltimore, barcelona, basingstoke, beijing, berkeley, berlin, bern, bishkek, "
    "bloomington, bonn, boston, boulder, bristol, brussels, bruxelles, budapest, cairo, cambridge, canberra, "
    "cham, cheltenham, chevy chase, chicago, cleveland, cologne, copenhagen, dallas, delhi, denver, detroit, "
    "dordrecht, durham, dushanbe, edinburgh, evanston, farnham, frankfurt, geneva, greenwich, hamburg, "
    "heidelberg, helsinki, hoboken, honolulu, houston, hove, istanbul, ithaca, karaganda, kharkiv, kiev, "
    "kyiv, köln, lanham, leiden, leipzig, lisbon, london, los angeles, lviv, madrid, manchester, melbourne, "
    "milan, minneapolis, minsk, montreal, moscow, moskva, mumbai, munich, münchen, new delhi, new haven, "
    "new york, newbury park, northampton, nur-sultan, ny, odesa, odessa, oslo, ottawa, oxford, paris, "
    "philadelphia, pittsburgh, plovdiv, prague, princeton, reading, rochester, rome, saint petersburg, "
    "san francisco, santa barbara, santa monica, seattle, seoul, shanghai, shymkent, singapore, sofia, "
    "st petersburg, stanford, stockholm, sydney, syracuse, tashkent, tbilisi, tehran, thousand oaks, tokyo, "
    "toledo, toronto, varna, vienna, warsaw, washington, wellington, westport, wien, williamstown, yerevan, "
    "zurich, semipalatinsk, semey, актобе, алма-ата, алматы, астана, атырау, ашхабад, ақтөбе, баку, барнаул, "
    "берлин, бишкек, "
    "благоевград, брюссель, бургас, варна, варшава, вашингтон, велико търново, вена, вильнюс, владивосток, "
    "волгоград, воронеж, днепр, дніпро, душанбе, екатеринбург, ереван, женева, иркутск, к, казань, "
    "караганда, киев, кишинев, кишинів, київ, кокшетау, костанай, краснодар, красноярск, көкшетау, л, "
    "ленинград, лондон, львов, львів, м, минск, мн, москва, нижний новгород, новосибирск, нур-султан, "
    "нью-йорк, нұр-сұлтан, одеса, одесса, омск, орал, павлодар, париж, пекин, пермь, петропавловск, пловдив, "
    "прага, рига, ростов н/д, ростов-на-дону, русе, с-пб, самара, санкт-петербург, саратов, семей, софия, "
    "спб, стара загора, таллин, тараз, ташкент, тбилиси, токио, томск, туркестан, тюмень, түркістан, "
    "улан-удэ, уральск, усть-каменогорск, уфа, харків, харьков, челябинск, шумен, шымкент, якутск, "
    "ярославль, қарағанды, қостанай, өскемен, "
    # more regional centres of Kazakhstan, Central Asia, Russia, Ukraine and Bulgaria, in both scripts
    "aktau, atyrau, kostanay, kokshetau, oral, uralsk, pavlodar, petropavlovsk, taraz, turkestan, "
    "ust-kamenogorsk, oskemen, kyzylorda, taldykorgan, zhezkazgan, ekibastuz, temirtau, karagandy, osh, "
    "karakol, samarkand, bukhara, namangan, andijan, fergana, nukus, khujand, novosibirsk, kazan, "
    "yekaterinburg, ekaterinburg, omsk, tomsk, barnaul, irkutsk, vladivostok, krasnoyarsk, kharkov, dnipro, "
    "zaporizhzhia, vinnytsia, chernivtsi, poltava, sumy, ternopil, uzhhorod, lutsk, rivne, zhytomyr, "
    "cherkasy, mykolaiv, kherson, ivano-frankivsk, burgas, ruse, stara zagora, pleven, veliko tarnovo, "
    "blagoevgrad, shumen, svishtov, ақтау, қызылорда, талдықорған, жезқазған, екібастұз, теміртау, "
    "кызылорда, актау, талдыкорган, жезказган, экибастуз, темиртау, петропавл, ош, жалал-абад, каракол, "
    "самарканд, бухара, наманган, андижан, фергана, нукус, худжанд, белгород, курск, тула, рязань, "
    "калининград, мурманск, архангельск, петрозаводск, сочи, ставрополь, махачкала, нальчик, пятигорск, "
    "астрахань, оренбург, киров, ижевск, чебоксары, ульяновск, пенза, тамбов, липецк, брянск, смоленск, "
    "тверь, иваново, кострома, вологда, сыктывкар, сургут, кемерово, новокузнецк, абакан, чита, "
    "хабаровск, благовещенск, бийск, горно-алтайск, запоріжжя, вінниця, чернівці, полтава, суми, "
    "тернопіль, ужгород, луцьк, рівне, житомир, черкаси, миколаїв, херсон, івано-франківськ, донецьк, "
    "луганськ, ніжин, плевен, габрово, сливен, добрич, свищов, семипалатинск"
)

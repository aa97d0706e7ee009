"""Paraphrase battery for third-person English news reports and NGO case notes (session 7).

Each row is a short invented article (journalist or NGO voice) and one profile value it must
give. A fact is told the many ways reporters write it, and each is paired with counter-examples
that must NOT give it: another woman's event in the same article, statistics and generic
statements, relatives' events, plans and fears, denials, the reporter's own dates, officials'
quotes. All texts are fictional and written for this test.

Expected values: a scalar is compared exactly; for list keys "+code" means the list contains
it, "-code" that it does not, a list the exact value; "sales" is the sorted (amount, currency)
pairs; "sales.buyer" / "sales.purpose" the first priced sale's field. Known misses are listed
in docs/extraction.md ("Session 7, English news"), not kept here as expected failures.
"""

from __future__ import annotations

from typing import Any

import pytest

from casebook.extract import extract, profile

# (text, key, expected)
ROWS: list[tuple[Any, ...]] = [
    # ---------------------------------------------------------------- surname
    ("Kim, 34, was sold to a farmer in Heilongjiang.", "surname", "Kim"),
    ("A woman surnamed Lee said brokers sold her twice in Jilin.", "surname", "Lee"),
    ("Ms. Park fled North Korea in 2008. Park was later sold to a farmer.", "surname", "Park"),
    ("Mrs Choe, who asked that her first name be withheld, was sold in 2002.", "surname", "Choe"),
    ("Han Mi-ok, 29, crossed the Yalu in 2011. Han was sold a week later.", "surname", "Han"),
    ("The woman, identified only by her surname Jang, was sold to a Chinese man.",
     "surname", "Jang"),
    ("One defector, Song Hye-jin, told reporters she was sold for 6,000 yuan.",
     "surname", "Song"),
    ("Ri Kyong-hui was 19 when she crossed the river. Ri was sold to a farmer.",
     "surname", "Ri"),
    ("\"Sun-hee\" (not her real name) crossed the Tumen in 2010. She was sold twice.",
     "surname", None),
    ("Ji-yeon, a pseudonym, was sold to a farmer in Liaoning in 2007.", "surname", None),
    ("We rescued Ms. Yoon from a farm in Jilin last spring. Yoon had been sold twice.",
     "surname", "Yoon"),
    ("Our team met Mrs. Kang in Shenyang. Kang had been sold for 10,000 yuan.",
     "surname", "Kang"),
    ("The 28-year-old, whose family name is Moon, was sold to a farmer.", "surname", "Moon"),
    ("Speaking to reporters in Seoul, Oh, 41, said she had been sold in 1999.",
     "surname", "Oh"),
    ("Choi, a 30-year-old defector, was sold in China in 2004.", "surname", "Choi"),
    ("President Moon Jae-in raised the issue. Hong, 25, was sold twice in China.",
     "surname", "Hong"),
    ("Activist Kim Sung-eun has helped dozens escape. Seo, 36, was sold in 2010.",
     "surname", "Seo"),

    # ---------------------------------------------------------------- birth_year
    ("Kim, who was born in 1981, was sold to a farmer in 2001.", "birth_year", 1981),
    ("Born in 1979 in Musan, Lee crossed the Tumen in 1998.", "birth_year", 1979),
    ("Park was 19 when she was sold in 2003.", "birth_year", 1984),
    ("Kim, 41, was 22 when she crossed the Tumen River in 2005. She was sold to a farmer.",
     "birth_year", 1983),
    ("Aged 17 when she crossed the river in 2001, Choi was sold within days.",
     "birth_year", 1984),
    ("Kim was sold in 2003. Her mother, born in 1950, stayed in Hyesan.",
     "birth_year", None),
    ("Kim, 34, was sold to a farmer. Her sister, who was 19 in 2005, was never found.",
     "birth_year", None),

    # ---------------------------------------------------------------- origin_nk
    ("Kim, from Hoeryong, crossed the Tumen in 2002.", "origin_nk", "Hoeryong"),
    ("Lee grew up in Musan, a mining town. She was sold to a farmer in 2006.",
     "origin_nk", "Musan"),
    ("A native of Hyesan, Park crossed the Yalu in 2009.", "origin_nk", "Hyesan"),
    ("Kim, 40, fled her hometown of Chongjin in 2008 and was sold to a farmer.",
     "origin_nk", "Chongjin"),
    ("Kim crossed the Tumen in 2002. She was sent to a prison in Chongjin after her return.",
     "origin_nk", None),

    # ---------------------------------------------------------------- first crossing
    ("Kim crossed the Tumen River in March 2004 and was sold a week later.",
     "first_crossing_year", 2004),
    ("Kim crossed the Tumen River in March 2004 and was sold a week later.",
     "first_crossing_month", 3),
    ("Lee fled North Korea in 1998, during the famine. She was sold to a farmer.",
     "first_crossing_year", 1998),
    ("Park escaped to China in the winter of 2007. A broker sold her to a farmer.",
     "first_crossing_year", 2007),
    ("Kim left North Korea in 2002. She was sent back in 2005 and crossed again in 2006.",
     "first_crossing_year", 2002),
    ("Kim crossed into China with her mother in 2001. Her mother was sold in 2003.",
     "first_crossing_year", 2001),
    ("Since 2010, border security has tightened. Kim crossed the Tumen at night. She was "
     "sold to a farmer.", "first_crossing_year", None),
    ("Kim's sister crossed into China in 1999. Kim stayed in Musan until 2004, when she "
     "crossed the Tumen.", "first_crossing_year", 2004),

    # ---------------------------------------------------------------- crossing_river
    ("Lee crossed the frozen Yalu into China in January 2009.", "crossing_river", "Yalu"),

    # ---------------------------------------------------------------- province_china
    ("Kim was sold to a farmer in Jilin province in 2003.", "province_china", "Jilin"),
    ("Kim lived for six years in a village in Heilongjiang with the man who bought her.",
     "province_china", "Heilongjiang"),
    ("Kim was sold to a farmer in Shandong province. Many brides end up in Liaoning.",
     "province_china", "Shandong"),

    # ---------------------------------------------------------------- sales: who and how much
    ("Kim, 34, was sold to a farmer for 8,000 yuan in 2005.", "sales", [(8000.0, "RMB")]),
    ("Lee Soo-min, 40, lives in Seoul now. A broker sold Lee to a Chinese man for 5,000 "
     "yuan.", "sales", [(5000.0, "RMB")]),
    ("The farmer paid 12,000 yuan for Park.", "sales", [(12000.0, "RMB")]),
    ("Brokers sold her for about $1,500 to a man in Jilin.", "sales", [(1500.0, "USD")]),
    ("Choi was bought by a Han Chinese farmer for 3,000 yuan.", "sales", [(3000.0, "RMB")]),
    ("We learned that Ms. Yoon had been sold for 20,000 yuan to a disabled man.",
     "sales", [(20000.0, "RMB")]),
    ("Kim Eun-ha fled in 2003. Kim's price was 7,000 yuan, the broker told her later.",
     "sales", [(7000.0, "RMB")]),
    ("Women are sold for as little as 1,000 yuan, activists say. Kim was sold for 9,000 "
     "yuan.", "sales", [(9000.0, "RMB")]),
    ("North Korean women fetch between 5,000 and 30,000 yuan. Kim was sold to a farmer.",
     "sales", []),
    ("Kim was sold for 6,000 yuan. Another woman, Lee, was sold for 4,000 yuan.",
     "sales", [(6000.0, "RMB")]),
    ("Kim's mother was sold for 3,000 yuan. Kim was sold to a farmer in Jilin.",
     "sales", []),
    ("The broker planned to sell Kim for 10,000 yuan, but she escaped.", "sales", []),
    ("Kim was sold to a farmer for 5,000 yuan, then resold for 8,000 yuan.",
     "sales", [(5000.0, "RMB"), (8000.0, "RMB")]),
    ("Kim was sold to a Han Chinese farmer for 6,000 yuan.", "sales.buyer", "han_chinese"),
    ("Kim was sold to an ethnic Korean man in Yanji for 6,000 yuan.",
     "sales.buyer", "korean_chinese"),
    ("Kim was sold as a bride to a farmer for 6,000 yuan.", "sales.purpose", "marriage"),
    ("Kim was sold to a brothel in Shenyang for 6,000 yuan.", "sales.purpose",
     "prostitution"),

    # ---------------------------------------------------------------- times_sold
    ("Kim was sold three times in China.", "times_sold", 3),
    ("Kim was sold to a farmer in 2003. Two years later she was resold to another man.",
     "times_sold", 2),
    ("Lee was sold to a farmer, then sold again to a man in Heilongjiang.", "times_sold", 2),
    ("Park was sold twice before she escaped.", "times_sold", 2),
    ("Choi Mi-na fled in 2002. The broker sold Choi to a farmer. A year later, the farmer "
     "sold her on to a "
     "brothel.", "times_sold", 2),
    ("Kim was sold to a farmer. Her sister was sold three times.", "times_sold", 1),
    ("Many women are sold several times. Kim was sold to a farmer in 2004.",
     "times_sold", 1),
    ("Kim was never sold; a pastor took her in.", "times_sold", 0),
    ("The broker threatened to sell Kim to a brothel. She fled to Yanji.",
     "times_sold", None),
    ("Kim was sold to a farmer in 2003. \"I was sold like an animal,\" she said.",
     "times_sold", 1),

    # ---------------------------------------------------------------- several women, counts
    ("North Korean women are often sold more than once. Kim Hye-won, 31, was sold to a "
     "farmer in Jilin for 6,000 yuan in 2009. Her friend Lee was sold twice.", "times_sold", 1),
    ("Thousands of North Korean women have been trafficked into China, where brides sell for "
     "10,000 to 50,000 yuan. One of them is Jang Mi-ran. Jang, 29, was sold to a disabled man "
     "in 2012.", "sales", []),
    ("Kim Ok-ja, 45, and her daughter crossed the Tumen in 2004. The daughter was sold for "
     "4,000 yuan. Kim was sold to a farmer in Yanji.", "sales", []),
    ("Kim Soo-ah, 27, escaped in 2015. She had been sold three times, the last time for "
     "20,000 yuan.", "times_sold", 3),
    ("Kim Soo-ah, 27, escaped in 2015. She was sold twice, first for 5,000 yuan and then for "
     "9,000 yuan.", "sales", [(5000.0, "RMB"), (9000.0, "RMB")]),
    ("Kim Soo-ah, 27, escaped in 2015. Brokers told her she would be sold for 30,000 yuan, "
     "but she fled before it happened.", "sales", []),
    ("Kim Soo-ah, 27, fled in 2010. The 24-year-old was sold for $2,000 to a man in "
     "Shandong.", "sales", [(2000.0, "USD")]),
    ("Kim Soo-ah, 27, fled in 2010. The 44-year-old farmer sold a cow to pay for her. She "
     "was sold for $2,000 to a man in Shandong.", "times_sold", 1),
    ("The woman, who asked to be identified only as Shin, was sold for $2,000 to a man in "
     "Shandong. Shin later escaped.", "surname", "Shin"),

    # ---------------------------------------------------------------- children_in_china
    ("Kim Eun-ha fled in 2003. Kim gave birth to a son in 2005, a year after she was "
     "sold.", "children_in_china", 1),
    ("Lee Soo-min fled in 2003. Lee has two children with the farmer who bought her.",
     "children_in_china", 2),
    ("Park had a daughter in China, whom she had to leave behind.", "children_in_china", 1),
    ("Kim left two children behind in North Korea when she fled.",
     "children_in_china", None),
    ("Kim's sister had three children in China. Kim was sold to a farmer.",
     "children_in_china", None),

    # ---------------------------------------------------------------- arrested_in_china
    ("Kim Eun-ha fled in 2003. In 2006, Chinese police arrested Kim in Yanji.",
     "arrested_in_china", 1),
    ("Lee was caught by Chinese police in 2008 and sent back.", "arrested_in_china", 1),
    ("Park was arrested twice in China.", "arrested_in_china", 2),
    ("Choi was detained by public security officers in Tumen city.", "arrested_in_china", 1),
    ("Kim feared being caught by the police. She hid in a church in Yanji.",
     "arrested_in_china", None),
    ("Kim's husband was arrested in 2007. Kim fled to Beijing.", "arrested_in_china", None),
    ("Chinese police arrest hundreds of defectors each year. Kim was sold to a farmer.",
     "arrested_in_china", None),

    # ---------------------------------------------------------------- repatriated
    ("Kim was forcibly repatriated in 2006.", "repatriated", 1),
    ("Lee was sent back to North Korea twice.", "repatriated", 2),
    ("Park Ji-na fled in 2003. Chinese police handed Park over to North Korean guards "
     "in 2009.", "repatriated", 1),
    ("Choi was deported to North Korea in 2010 and held for months.", "repatriated", 1),
    ("Kim feared being sent back to North Korea.", "repatriated", None),
    ("Kim's brother was repatriated in 2004. Kim was sold to a farmer.",
     "repatriated", None),
    ("China repatriates North Korean women who are caught, officials said. Kim was sold "
     "to a farmer.", "repatriated", None),

    # ---------------------------------------------------------------- nk_detention
    ("Kim was sent back in 2006 and held in a labour training camp for six months.",
     "nk_detention", "+labour_training_camp"),
    ("After her repatriation, Lee was interrogated by the Bowibu in Hoeryong.",
     "nk_detention", "+state_security_interrogation"),
    ("Park was repatriated in 2008 and spent two years in a kyohwaso.",
     "nk_detention", "+kyohwaso"),
    ("Kim feared she would be sent to a prison camp if she was caught.",
     "nk_detention", []),

    # ---------------------------------------------------------------- recruitment
    ("A broker promised Kim a job in a restaurant in China. Instead she was sold to a "
     "farmer.", "recruitment", "+deception_job_offer"),
    ("Lee was lured to China with the promise of factory work and sold.",
     "recruitment", "+deception_job_offer"),
    ("Choi was kidnapped near the border by traffickers and sold.",
     "recruitment", "+abducted"),
    ("Kim crossed alone in 2004 to find food. She was sold a month later.",
     "recruitment", "+voluntary_alone"),

    # ---------------------------------------------------------------- recruiter_relation
    ("A neighbour offered Kim work in China and handed her to traffickers.",
     "recruiter_relation", "+neighbour_or_villager"),
    ("Kim Eun-ha fled in 2003. Kim's own cousin sold her to a broker.",
     "recruiter_relation", "+relative"),
    ("A woman Lee had met at the market promised her a job in China, then sold her.",
     "recruiter_relation", "+stranger"),
    ("A Korean-Chinese broker sold Park to a farmer.",
     "recruiter_relation", "+korean_chinese_broker"),
    ("Kim crossed the river with her aunt. A broker in Yanji sold her to a farmer.",
     "recruiter_relation", "-relative"),

    # ---------------------------------------------------------------- exploitation
    ("Kim was forced to marry a farmer twice her age.", "exploitation", "+forced_marriage"),
    ("Lee was sold to a brothel and forced into prostitution.", "exploitation",
     "+prostitution"),
    ("Park was made to perform sex acts on webcam for online customers.",
     "exploitation", "+cybersex"),
    ("Choi was forced to work in the fields without pay for years.",
     "exploitation", "+forced_labour"),
    ("Many women end up in brothels, activists say. Kim found work in a restaurant.",
     "exploitation", "-prostitution"),
    ("Kim's friend was forced into prostitution. Kim worked as a cleaner.",
     "exploitation", "-prostitution"),

    # ---------------------------------------------------------------- violence
    ("The man who bought Kim beat her regularly.", "violence", "+beating"),
    ("Lee was raped by the broker on the first night.", "violence", "+rape"),
    ("Park was locked in a room for months.", "violence", "+confinement"),
    ("Choi Mi-na, 33, was sold in 2002. Her husband threatened to report Choi to the police "
     "if she left.", "violence",
     "+threat_of_denunciation"),
    ("Kim's mother was beaten by guards. Kim was sold to a farmer.", "violence",
     "-beating"),
    ("Women in brothels are often beaten, the report says. Kim was sold to a farmer.",
     "violence", "-beating"),
    ("Kim was never beaten by the farmer, she said.", "violence", "-beating"),

    # ---------------------------------------------------------------- hukou_or_id
    ("Kim Eun-ha was sold in 2003. Kim has no hukou and cannot send her son to school.",
     "hukou_or_id", "none"),
    ("Lee Soo-min was sold in 2003. Lee bought a fake ID card for 2,000 yuan.",
     "hukou_or_id", "fake"),
    ("Park lived without any papers for ten years.", "hukou_or_id", "none"),
    ("Kim's son has a hukou. Kim was sold to a farmer.", "hukou_or_id", None),
    ("Kim Eun-ha was sold in 2003. Her son has no hukou, so he cannot go to school.",
     "hukou_or_id", None),
    # ---------------------------------------------------------------- second battery: one
    # woman ("Ms. Ko, 36,") told each fact another way, with near misses
    ("Ms. Cho, 52, now lives in Busan. She was sold to a farmer in 1998.", "surname", "Cho"),
    ("Jeon Ok-sun was 23 when a broker sold her. Jeon now runs a shop in Seoul.",
     "surname", "Jeon"),
    ("Kwon, who spoke on condition that only her surname be used, was sold twice.",
     "surname", "Kwon"),
    ("\"I was sold like a pig,\" said Yang, 44, who now lives in Seoul.", "surname", "Yang"),
    ("Mrs. Baek's story is typical. Baek was sold to a farmer in 2001 for 4,000 yuan.",
     "surname", "Baek"),
    ("Ahn Myung-hee, now 41, left North Korea in 1999. A broker sold Ahn to a farmer.",
     "surname", "Ahn"),
    ("Lim, a mother of two, was trafficked into China in 2006.", "surname", "Lim"),
    ("Her husband, Mr. Wang, paid 8,000 yuan for Ms. Nam. Nam later escaped.", "surname", "Nam"),
    ("Pastor Chun Ki-won helped Ms. Ko escape. Ko had been sold twice.", "surname", "Ko"),
    ("The defector, Jung Mi-young, told the court she was sold in 2003.", "surname", "Jung"),
    ("Ms. Ko, 36, says a broker got 8,000 yuan for her.", "sales", [(8000.0, "RMB")]),
    ("Ms. Ko, 36, was sold off to a farmer for the equivalent of $1,200.",
     "sales", [(1200.0, "USD")]),
    ("Ms. Ko, 36, was handed over to a farmer who paid the broker 6,000 yuan.",
     "sales", [(6000.0, "RMB")]),
    ("Ms. Ko, 36, fetched 7,000 yuan from a farmer in Jilin.", "sales", [(7000.0, "RMB")]),
    ("Ms. Ko, 36, crossed in 2005. The going rate for a bride was 10,000 yuan, she said. "
     "She was sold to a farmer.",
     "sales", []),
    ("Ms. Ko, 36, paid a broker 3,000 yuan to take her across the river.", "sales", []),
    ("Ms. Ko, 36, was fined 5,000 yuan by the police in Yanji.", "sales", []),
    ("Ms. Ko, 36, earned 800 yuan a month in a restaurant.", "sales", []),
    ("Ms. Ko's daughter was sold for 5,000 yuan in 2010. Ms. Ko, 56, stayed in Hyesan.",
     "sales", []),
    ("Ms. Ko, 36, was sold to a Chinese man. He had paid 9,000 yuan for her, he told her.",
     "sales", [(9000.0, "RMB")]),
    ("Ms. Ko, 36, was sold four times in six years.", "times_sold", 4),
    ("Ms. Ko, 36, was sold to a farmer. When she ran away, the broker caught her and sold "
     "her again.",
     "times_sold", 2),
    ("Ms. Ko, 36, was sold to a farmer. Her daughter was later sold too.", "times_sold", 1),
    ("Ms. Ko, 36, was trafficked twice.", "times_sold", 2),
    ("Ms. Ko, 36, was sold for the second time in 2010.", "times_sold", 2),
    ("Ms. Ko, 36, was sold to a farmer. \"Many of us were sold three or four times,\" she "
     "said.",
     "times_sold", 1),
    ("Ms. Ko, 36, was sold to a farmer who beat her almost every day.", "violence", "+beating"),
    ("Ms. Ko, 36, was sexually assaulted by the broker.", "violence", "+rape"),
    ("Ms. Ko, 36, was kept under lock and key by the family.", "violence", "+confinement"),
    ("Ms. Ko, 36, said the man threatened to turn her in to the police.",
     "violence", "+threat_of_denunciation"),
    ("Ms. Ko, 36, was forced to work as a prostitute in Shenyang.",
     "exploitation", "+prostitution"),
    ("Ms. Ko, 36, was forced to chat with men online for money.", "exploitation", "+cybersex"),
    ("Ms. Ko, 36, worked on the farm from dawn to dusk without pay.",
     "exploitation", "+forced_labour"),
    ("Ms. Ko, 36, was sold as a wife to a farmer.", "exploitation", "+forced_marriage"),
    ("Ms. Ko, 36, feared that the broker would beat her.", "violence", "-beating"),
    ("Ms. Ko, 36, said her husband never hit her.", "violence", "-beating"),
    ("Ms. Ko, 36, escaped. Other women in the house were raped.", "violence", "-rape"),
    ("Ms. Ko, 36, was picked up by Chinese police in 2007 and repatriated.",
     "arrested_in_china", 1),
    ("Ms. Ko, 36, was caught three times in China and sent back.", "repatriated", 1),
    ("Ms. Ko, 36, was caught three times in China and sent back each time.", "repatriated", 3),
    ("Ms. Ko, 36, was repatriated in 2004 and sent to a labour camp.", "repatriated", 1),
    ("Ms. Ko, 36, was sent back in 2004 and spent a year in a prison camp.",
     "nk_detention", "+other"),
    ("Ms. Ko, 36, said she would be sent to a prison camp if she was caught.", "repatriated", None),
    ("Ms. Ko, 36, fled across the Tumen River in the spring of 2001.", "first_crossing_year", 2001),
    ("Ms. Ko, 36, defected in 2008, crossing the Yalu.", "crossing_river", "Yalu"),
    ("Ms. Ko, 36, hails from Hamhung.", "origin_nk", "Hamhung"),
    ("Ms. Ko, 36, spent eight years in a village in Heilongjiang province.",
     "province_china", "Heilongjiang"),
    ("Ms. Ko, 36, was taken to a village in Shandong province and sold.",
     "province_china", "Shandong"),
    ("Ms. Ko, 36, bore the farmer two daughters.", "children_in_china", 2),
    ("Ms. Ko, 36, could not register her son because she had no hukou.", "hukou_or_id", "none"),
    ("Ms. Ko, 36, obtained a Chinese ID card through her husband's family.",
     "hukou_or_id", "obtained"),
    ("Ms. Ko, 36, was deceived by a broker who said she would work in a factory.",
     "recruitment", "+deception_job_offer"),
    ("Ms. Ko, 36, was drugged and woke up in China.", "recruitment", "+drugged"),
    ("Ms. Ko, 36, was introduced to a Chinese man as a prospective husband by a "
     "matchmaker.",
     "recruitment", "+introduced_marriage"),
    ("Ms. Ko, 36, was approached by a stranger at the Hyesan market who offered her work "
     "in China.",
     "recruiter_relation", "+stranger"),
    ("Ms. Ko, 36, was sold by a friend she had trusted.", "recruiter_relation", "+friend"),
    # ---------------------------------------------------------------- third battery: NGO
    # voice, two women, relatives and generic statements beside her ("Ms. Seo, 29,")
    ("Our field team found Ms. Seo in a village near Mudanjiang. She had been sold to a "
     "farmer for 12,000 yuan in 2011. We moved her to a safe house.",
     "sales", [(12000.0, "RMB")]),
    ("Our field team found Ms. Seo in a village near Mudanjiang. We paid 3,000 yuan to a "
     "guide to bring her to Kunming.",
     "sales", []),
    ("This spring we rescued two women. Ms. Seo, 29, had been sold for 8,000 yuan. The "
     "other woman, Ms. Han, had been sold three times.",
     "times_sold", 1),
    ("This spring we rescued two women. Ms. Seo, 29, had been sold for 8,000 yuan. The "
     "other woman, Ms. Han, had been sold three times.",
     "surname", "Seo"),
    ("Ms. Seo, 29, was sold in 2009. Her younger sister was sold a year later for 6,000 "
     "yuan.",
     "sales", []),
    ("Ms. Seo, 29, was sold in 2009. Her mother was caught by the police and sent back.",
     "repatriated", None),
    ("Ms. Seo, 29, was sold in 2009. Her mother was caught by the police and sent back.",
     "arrested_in_china", None),
    ("Ms. Seo, 29, was sold in 2009. Police in Yanji arrested her in 2012 and she was "
     "repatriated.",
     "repatriated", 1),
    ("Ms. Seo, 29, was sold in 2009. She lives in fear of being caught and sent back.",
     "repatriated", None),
    ("Ms. Seo, 29, was sold in 2009. Each year China sends back thousands of North "
     "Koreans, a UN report says.",
     "repatriated", None),
    ("Ms. Seo, 29, was sold in 2009. \"They will send me back if they find me,\" she said.",
     "repatriated", None),
    ("According to the UN, some 70 percent of North Korean women in China are trafficked. "
     "Ms. Seo, 29, crossed the Tumen in 2009.",
     "first_crossing_year", 2009),
    ("Ms. Seo, 29, crossed the Tumen in 2009. The broker who sold her, a Korean-Chinese "
     "man, was later jailed.",
     "recruiter_relation", "+korean_chinese_broker"),
    ("Ms. Seo, 29, crossed the Tumen in 2009. Her husband, whom she was sold to, beat her "
     "often.",
     "violence", "+beating"),
    ("Ms. Seo, 29, crossed the Tumen in 2009. Brokers beat women who tried to run away, "
     "she said.",
     "violence", "-beating"),
    ("Ms. Seo, 29, crossed the Tumen in 2009. She was sold to a man in Jilin for 20,000 "
     "yuan, roughly $3,000.",
     "sales", [(20000.0, "RMB")]),
    ("Ms. Seo, 29, crossed the Tumen in 2009. She was sold twice: first to a farmer for "
     "5,000 yuan, then to a karaoke bar owner for 10,000 yuan.",
     "sales", [(5000.0, "RMB"), (10000.0, "RMB")]),
    ("Ms. Seo, 29, crossed the Tumen in 2009. She was sold twice: first to a farmer for "
     "5,000 yuan, then to a karaoke bar owner for 10,000 yuan.",
     "times_sold", 2),
    ("Ms. Seo, 29, crossed the Tumen in 2009. She did not know she would be sold.",
     "times_sold", None),
    ("Ms. Seo, 29, crossed the Tumen in 2009 and was sold. She gave birth to a daughter in"
     " 2011.",
     "children_in_china", 1),
    ("Ms. Seo, 29, crossed the Tumen in 2009 and was sold. Her sister gave birth to a son "
     "in 2011.",
     "children_in_china", None),
    ("Ms. Seo, 29, crossed the Tumen in 2009 and was sold. In 2013 she was caught, sent "
     "back and held at a holding centre in Onsong.",
     "nk_detention", "+holding_centre"),
    ("Ms. Seo, 29, crossed the Tumen in 2009 and was sold. She was forced to work in a "
     "karaoke bar.",
     "exploitation", "+forced_labour"),
    ("Ms. Seo, 29, crossed the Tumen in 2009. A man she met at the market promised her "
     "restaurant work in China.",
     "recruitment", "+deception_job_offer"),
    ("Ms. Seo, 29, crossed the Tumen in 2009. She went with her cousin, who had paid a "
     "guide.",
     "recruiter_relation", "-relative"),
    ("The woman, 31, asked not to be named. She was sold to a farmer in Liaoning in 2007 "
     "for 9,000 yuan.",
     "sales", [(9000.0, "RMB")]),
    ("The woman, 31, asked not to be named. She was sold to a farmer in Liaoning in 2007 "
     "for 9,000 yuan.",
     "surname", None),
    ("\"Mi-ran\", 31, asked that her real name not be used. She was sold to a farmer for "
     "9,000 yuan.",
     "sales", [(9000.0, "RMB")]),
]


def _value(p: dict[str, Any], key: str) -> Any:
    if key == "sales":
        return sorted((s["amount"], s["currency"]) for s in p["sales"] if s.get("amount"))
    if key.startswith("sales."):
        priced = [s for s in p["sales"] if s.get("amount")]
        return priced[0][key.split(".", 1)[1]] if priced else None
    return p[key]


def _ok(got: Any, expected: Any) -> bool:
    if isinstance(expected, str) and expected[:1] in "+-" and isinstance(got, list):
        return (expected[1:] in got) == (expected[0] == "+")
    if isinstance(expected, list) and expected and isinstance(expected[0], tuple):
        return got == sorted(expected)
    return bool(got == expected)


def _params() -> list[Any]:
    out = []
    for i, row in enumerate(ROWS):
        text, key, expected = row[:3]
        out.append(pytest.param(text, key, expected, id=f"{i:03d}-{key}"))
    return out


@pytest.mark.parametrize(("text", "key", "expected"), _params())
def test_paraphrase(text: str, key: str, expected: Any) -> None:
    got = _value(profile(extract(text, lang="en")), key)
    assert _ok(got, expected), f"{key}: got {got!r}, expected {expected!r}"

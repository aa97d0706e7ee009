"""Paraphrase battery (issue 11, session 7): each fact told in many of the ways translated
first-person interviews tell it, and counter-texts (denials, plans, other people's events,
idioms, generic statements about "women"). Every text is our own fiction. A case is
(text, key, expected): a scalar key is compared exactly; for a list key, ``+code`` means the code
must be there, ``-code`` that it must not, and a list means exactly that set."""

# ruff: noqa: E501  (a table of sentences, one case a line)
from __future__ import annotations

import pytest

from casebook.extract import extract, profile

C = "I crossed the Tumen River in 2003. "  # a crossing, so the story is hers and in China

CASES: list[tuple[str, str, object]] = [
    # ---------------- hukou_or_id ----------------
    (C + "I still do not have a hukou, so I cannot go out freely.", "hukou_or_id", "none"),
    (C + "Because I have no ID card, I am afraid every time I see a policeman.", "hukou_or_id", "none"),
    (C + "I am living here without any papers.", "hukou_or_id", "none"),
    (C + "Without a hukou I cannot send my son to school.", "hukou_or_id", "none"),
    (C + "I hope to get a Chinese ID some day.", "hukou_or_id", "none"),
    (C + "I have no identification, so I stay inside the house.", "hukou_or_id", "none"),
    (C + "Q: Do you have a hukou?\nA: No, I don't.", "hukou_or_id", "none"),
    (C + "I can't get a residence card because I am North Korean.", "hukou_or_id", "none"),
    (C + "My husband bought me a fake hukou for 3,000 yuan.", "hukou_or_id", "fake"),
    (C + "I paid 2,000 yuan for a false ID card.", "hukou_or_id", "fake"),
    (C + "I am using the identity card of a dead woman from the village.", "hukou_or_id", "fake"),
    (C + "I bought the hukou of a woman who had died.", "hukou_or_id", "fake"),
    (C + "My husband's family registered me in their household, so now I have a hukou.", "hukou_or_id", "obtained"),
    (C + "Last year I finally got a hukou.", "hukou_or_id", "obtained"),
    (C + "I obtained a Chinese ID card in 2005.", "hukou_or_id", "obtained"),
    # counters
    (C + "My daughter has a hukou now, so she can go to school.", "hukou_or_id", None),
    (C + "My son got his hukou last year.", "hukou_or_id", None),
    (C + "Many North Korean women here have no hukou.", "hukou_or_id", None),
    (C + "To work in China you need a hukou.", "hukou_or_id", None),
    # ---------------- recruiter_relation ----------------
    ("A woman from my village told me I could earn money in China. She took me across the Tumen "
     "in 2001 and sold me to a farmer.", "recruiter_relation", "+neighbour_or_villager"),
    ("My neighbour said there was work in China. In 2000 she led me over the river and handed me "
     "to a broker.", "recruiter_relation", "+neighbour_or_villager"),
    ("A friend of mine from school said she knew a man who could find me a job in China. We crossed "
     "in 1999 and she sold me.", "recruiter_relation", "+friend"),
    ("My cousin took me to China in 2002, saying I could work in a restaurant. She sold me to a "
     "Chinese man.", "recruiter_relation", "+relative"),
    ("My aunt's husband brought me over the river in 1998 and sold me for 3,000 yuan.", "recruiter_relation", "+relative"),
    ("At the market in Hoeryong a woman I did not know said she could find me work in China. In "
     "2004 she took me across.", "recruiter_relation", "+stranger"),
    ("I crossed the Tumen in 2001. A Korean-Chinese woman came up to me at the station and said "
     "she would find me a job. She sold me to a Han Chinese man.", "recruiter_relation", "+korean_chinese_broker"),
    ("I crossed the river in 2000. A Chinese broker sold me to a man in Heilongjiang.", "recruiter_relation", "+han_chinese_broker"),
    ("I crossed in 2002. A Korean-Chinese broker bought me from the guide and sold me to a farmer.", "recruiter_relation", "+korean_chinese_broker"),
    ("I crossed in 2002. A married couple kept me in their house and later sold me to a farmer.", "recruiter_relation", "+couple"),
    ("I crossed in 2002. A man and his wife kept me in their house and sold me after a week.", "recruiter_relation", "+couple"),
    # counters
    ("I crossed the river with my cousin in 2003. In Yanji a broker I had never seen sold me.", "recruiter_relation", "-relative"),
    ("I crossed in 2003. The farmer who bought me was a Han Chinese man.", "recruiter_relation", "-han_chinese_broker"),
    ("I crossed in 2003 and worked in a restaurant. My friend was sold to a farmer by a broker.", "recruiter_relation", []),
    # ---------------- recruitment ----------------
    ("A woman told me I could make good money working in a restaurant in China. In 2001 she took "
     "me over the river, but she sold me.", "recruitment", "+deception_job_offer"),
    ("I was told I would be a nanny for a rich family in China. When we got there, I was sold.", "recruitment", "+deception_job_offer"),
    ("A broker promised me work at a factory in China, so I went with him in 2000. He sold me to a "
     "farmer.", "recruitment", "+deception_job_offer"),
    ("In 2002 I went to China to earn money for my family. I crossed the river alone at night.", "recruitment", "+voluntary_alone"),
    ("In 1999 my mother and I set off for China to find food. We waded across the Tumen.", "recruitment", "+voluntary_alone"),
    ("I paid a broker to take me across the Tumen in 2005.", "recruitment", "+voluntary_with_broker"),
    ("I asked a smuggler to guide me across the river in 2004 and gave him 500 yuan.", "recruitment", "+voluntary_with_broker"),
    ("A woman offered to introduce me to a good Chinese husband. I agreed and crossed with her in "
     "2003.", "recruitment", "+introduced_marriage"),
    ("In 2001 some men grabbed me near the river and dragged me across to China.", "recruitment", "+abducted"),
    ("I was kidnapped by two men at the border in 2000 and taken to Yanji.", "recruitment", "+abducted"),
    ("In 2002 a woman gave me a drink, and when I woke up I was in China.", "recruitment", "+drugged"),
    ("My neighbour took me to China in 2000 and handed me over to a broker, who sold me.", "recruitment", "+sold_by_acquaintance"),
    # counters
    ("I crossed the river alone in 2002. Later, a broker promised me a job in a restaurant but "
     "I did not go with him.", "recruitment", "-deception_job_offer"),
    ("I crossed the Tumen alone in 2002. My younger sister was kidnapped by traffickers.", "recruitment", "-abducted"),
    # ---------------- violence ----------------
    (C + "The man who bought me hit me whenever he drank.", "violence", "+beating"),
    (C + "My husband beat me so badly that I could not walk.", "violence", "+beating"),
    (C + "I was beaten many times by his family.", "violence", "+beating"),
    (C + "He kicked and punched me.", "violence", "+beating"),
    (C + "When I refused, he struck me with a stick.", "violence", "+beating"),
    (C + "The broker raped me on the first night.", "violence", "+rape"),
    (C + "I was raped by the man who bought me.", "violence", "+rape"),
    (C + "He forced himself on me that night.", "violence", "+rape"),
    (C + "The broker locked me in a room for a month.", "violence", "+confinement"),
    (C + "I was kept locked up so that I could not run away.", "violence", "+confinement"),
    (C + "They never let me go outside alone.", "violence", "+confinement"),
    (C + "He said that if I ran away he would report me to the police.", "violence", "+threat_of_denunciation"),
    (C + "They threatened to hand me over to the police if I did not obey.", "violence", "+threat_of_denunciation"),
    (C + "His mother told me that she would call the police if I tried to leave.", "violence", "+threat_of_denunciation"),
    (C + "They made me have an abortion.", "violence", "+other"),
    # counters
    (C + "My husband is kind and has never hit me.", "violence", "-beating"),
    (C + "I saw the broker beat another girl.", "violence", "-beating"),
    (C + "I was worried that he would hit me.", "violence", "-beating"),
    (C + "I was afraid the police would catch me, so I stayed at home.", "violence", []),
    (C + "My friend was raped by the broker.", "violence", "-rape"),
    # ---------------- exploitation ----------------
    (C + "I was sold to a Chinese farmer and had to live with him as his wife.", "exploitation", "+forced_marriage"),
    (C + "The broker sold me to a man, and I was forced to marry him.", "exploitation", "+forced_marriage"),
    (C + "I was taken to a karaoke bar and forced to sleep with customers.", "exploitation", "+prostitution"),
    (C + "The boss made me serve men at a brothel.", "exploitation", "+prostitution"),
    (C + "I was forced to work as a prostitute.", "exploitation", "+prostitution"),
    (C + "The man who bought me made me work in the fields all day without pay.", "exploitation", "+forced_labour"),
    (C + "I had to work at a brick factory and was never paid.", "exploitation", "+forced_labour"),
    (C + "I had to do internet chatting with men for hours every night.", "exploitation", "+cybersex"),
    # counters
    (C + "I worked in a restaurant and got 500 yuan a month.", "exploitation", []),
    (C + "Some North Korean women work in karaoke bars and sleep with customers.", "exploitation", "-prostitution"),
    (C + "The broker wanted to sell me to a brothel, but I ran away.", "exploitation", "-prostitution"),
    # ---------------- times_sold / sales ----------------
    (C + "The broker sold me to a farmer for 5,000 yuan.", "times_sold", 1),
    (C + "I was sold for 3000 Chinese yuan.", "times_sold", 1),
    (C + "The man paid RMB 4,000 for me.", "times_sold", 1),
    (C + "I was sold to a farmer. A year later he sold me again to another man.", "times_sold", 2),
    (C + "I was sold three times.", "times_sold", 3),
    (C + "I was sold twice in China.", "times_sold", 2),
    (C + "I was sold for the first time in Yanji. The second time I was sold in Heilongjiang.", "times_sold", 2),
    (C + "A broker bought me from the guide and then sold me to an old man.", "times_sold", 2),
    (C + "My price was 6,000 yuan.", "times_sold", 1),
    (C + "The broker received 4,500 yuan for me.", "times_sold", 1),
    (C + "I was bought by a Chinese man for 2,500 yuan.", "times_sold", 1),
    # counters
    (C + "The broker tried to sell me, but I escaped.", "times_sold", 0),
    (C + "The broker was going to sell me, but the police came.", "times_sold", 0),
    (C + "I was not sold. I went to work in a restaurant.", "times_sold", 0),
    (C + "My friend was sold for 3,000 yuan.", "times_sold", None),
    (C + "Women are sold for 5,000 yuan or more here.", "times_sold", None),
    (C + "I sold my watch for 200 yuan to buy food.", "times_sold", None),
    (C + "I worked in a restaurant for 500 yuan a month.", "times_sold", None),
    # sales amounts
    (C + "The broker sold me to a farmer for 5,000 yuan.", "sales", [(5000.0, "RMB")]),
    (C + "I was sold for 3000 Chinese yuan.", "sales", [(3000.0, "RMB")]),
    (C + "The man paid RMB 4,000 for me.", "sales", [(4000.0, "RMB")]),
    (C + "I was sold for six thousand yuan.", "sales", [(6000.0, "RMB")]),
    (C + "He bought me for 8,000 won.", "sales", [(8000.0, "RMB")]),
    (C + "I was sold for 10,000 yuan to a man in Shandong.", "sales", [(10000.0, "RMB")]),
    (C + "My price was 6,000 yuan.", "sales", [(6000.0, "RMB")]),
    (C + "I worked in a restaurant for 500 yuan a month.", "sales", []),
    (C + "I paid the guide 500 yuan to cross.", "sales", []),
    # ---------------- arrested_in_china ----------------
    (C + "In 2004 I was caught by the Chinese police.", "arrested_in_china", 1),
    (C + "The police came to the house and took me away in 2005.", "arrested_in_china", 1),
    (C + "Someone reported me, and I was arrested in 2005.", "arrested_in_china", 1),
    (C + "I was arrested in 2004. After I came back to China, I was caught again in 2006.", "arrested_in_china", 2),
    (C + "I was arrested twice in China.", "arrested_in_china", 2),
    (C + "Chinese public security officers picked me up on the street in 2004.", "arrested_in_china", 1),
    (C + "I was detained by the border guards in Tumen city and sent back.", "arrested_in_china", 1),
    # counters
    (C + "I have never been arrested.", "arrested_in_china", 0),
    (C + "I am always afraid of being caught by the police.", "arrested_in_china", None),
    (C + "My husband was arrested for gambling.", "arrested_in_china", None),
    (C + "The woman who lived next door was caught and sent back.", "arrested_in_china", None),
    # ---------------- repatriated / nk_detention ----------------
    (C + "I was arrested in 2004 and sent back to North Korea.", "repatriated", 1),
    (C + "I was forcibly repatriated in 2005.", "repatriated", 1),
    (C + "The Chinese police handed me over to the North Korean guards in 2005.", "repatriated", 1),
    (C + "I was sent back twice.", "repatriated", 2),
    (C + "I was repatriated in 2002. I crossed again in 2003 and was repatriated a second time in 2005.", "repatriated", 2),
    (C + "I was never sent back to North Korea.", "repatriated", 0),
    (C + "My sister was caught and sent back to North Korea.", "repatriated", None),
    (C + "If I am sent back, I will be punished.", "repatriated", None),
    (C + "I was repatriated in 2004 and held at the jipkyulso in Onsong.", "nk_detention", "+holding_centre"),
    (C + "I was sent back in 2004. The bowibu interrogated me for a month.", "nk_detention", "+state_security_interrogation"),
    (C + "I was sent back in 2004 and spent six months in a labour training camp.", "nk_detention", "+labour_training_camp"),
    (C + "After I was repatriated, I was sent to a kyohwaso for a year.", "nk_detention", "+kyohwaso"),
    (C + "I heard that people sent back are put in a kyohwaso.", "nk_detention", []),
    # ---------------- children_in_china ----------------
    (C + "I was sold to a farmer. I had a son with him in 2005.", "children_in_china", 1),
    (C + "I gave birth to a daughter in 2004.", "children_in_china", 1),
    (C + "I have two children with my Chinese husband.", "children_in_china", 2),
    (C + "Our son was born in 2006.", "children_in_china", 1),
    (C + "I have a son and a daughter here in China.", "children_in_china", 2),
    ("I have two children in North Korea. " + C + "I live with a farmer now.", "children_in_china", None),
    (C + "I left my son behind in North Korea.", "children_in_china", None),
    # ---------------- crossing year / month, origin ----------------
    ("I crossed the Tumen River in March 1998.", "first_crossing_month", 3),
    ("In the spring of 1998 I crossed into China.", "first_crossing_year", 1998),
    ("I came to China in October 2001.", "first_crossing_year", 2001),
    ("I came to China in October 2001.", "first_crossing_month", 10),
    ("It was in 1999 that I first left North Korea.", "first_crossing_year", 1999),
    ("I escaped from North Korea in February 2000 by crossing the frozen river.", "first_crossing_month", 2),
    ("I have been in China since 2002.", "first_crossing_year", 2002),
    ("I came over to China in 1997 and have lived here ever since.", "first_crossing_year", 1997),
    ("Q: When did you leave North Korea?\nA: In 2002.", "first_crossing_year", 2002),
    ("I was born in Hamhung. I crossed the river in 2000.", "origin_nk", "Hamhung"),
    ("My hometown is Chongjin. I crossed the river in 2000.", "origin_nk", "Chongjin"),
    ("I am from Hyesan in Ryanggang Province. I left in 2000.", "origin_nk", "Hyesan"),
    ("I grew up in Musan. I crossed the river in 2000.", "origin_nk", "Musan"),
    ("I lived in Onsong before I came to China in 2000.", "origin_nk", "Onsong"),
    ("I crossed the river at Musan in 2000.", "origin_nk", None),
    # ---------------- second batch: harder wordings ----------------
    (C + "Without papers, I live in fear.", "hukou_or_id", "none"),
    (C + "I don't have any identification papers.", "hukou_or_id", "none"),
    (C + "I am an illegal person here; I have no registration.", "hukou_or_id", "none"),
    (C + "I was fined because I did not have an ID card.", "hukou_or_id", "none"),
    (C + "My husband paid 5,000 yuan to get me a hukou under another name.", "hukou_or_id", "fake"),
    (C + "I was registered as his wife and given an ID card.", "hukou_or_id", "obtained"),
    (C + "My husband tried to get me a hukou, but he could not.", "hukou_or_id", "none"),
    (C + "Our children have no hukou.", "hukou_or_id", None),
    ("A man from the next village said he would take me to China to earn money. In 2001 he sold "
     "me to a broker.", "recruiter_relation", "+neighbour_or_villager"),
    ("My friend's mother told me I could work in China. She took me across in 2000 and sold me.", "recruiter_relation", "+other"),
    ("My uncle arranged for me to go to China in 2002. When I got there I was sold.", "recruiter_relation", "+relative"),
    ("I crossed in 2002 with a guide. He handed me over to a Korean-Chinese man, who sold me to "
     "a Han man.", "recruiter_relation", "+korean_chinese_broker"),
    ("I crossed in 2002. A Chinese man who dealt in women sold me to a farmer.", "recruiter_relation", "+han_chinese_broker"),
    ("I crossed in 2002. The Joseonjok broker sold me to a farmer.", "recruiter_relation", "+korean_chinese_broker"),
    ("A woman I knew from the market invited me to come along to China in 2000. She sold me there.", "recruitment", "+sold_by_acquaintance"),
    ("A woman said that in China I could eat rice every day. In 2000 I followed her across the "
     "river and she sold me.", "recruitment", "+other"),
    ("My neighbour suggested I go to China to find work. She took me over in 2001 and sold me to a "
     "farmer.", "recruitment", "+sold_by_acquaintance"),
    ("A broker said he would marry me off to a rich Chinese man. I agreed and crossed in 2003.", "recruitment", "+introduced_marriage"),
    ("In 2001 I decided to go to China on my own to get money for food.", "recruitment", "+voluntary_alone"),
    ("In 1998 my friend and I waded across the Tumen to look for food.", "recruitment", "+voluntary_alone"),
    (C + "He would beat me with whatever was at hand.", "violence", "+beating"),
    (C + "I was hit so often that my face was always swollen.", "violence", "+beating"),
    (C + "His family watched me all the time and locked the door at night.", "violence", "+confinement"),
    (C + "I was held in a room for days and not allowed out.", "violence", "+confinement"),
    (C + "He threatened to report me to the police if I tried to run.", "violence", "+threat_of_denunciation"),
    (C + "The broker assaulted me sexually.", "violence", "+rape"),
    (C + "He sexually abused me.", "violence", "+rape"),
    (C + "I was sold as a bride to a farmer in Heilongjiang.", "exploitation", "+forced_marriage"),
    (C + "I was sold to be the wife of a disabled man.", "exploitation", "+forced_marriage"),
    (C + "I had to live with a man twenty years older than me.", "exploitation", "+forced_marriage"),
    (C + "The broker sold me to a brothel in Shenyang.", "exploitation", "+prostitution"),
    (C + "I was made to work at a pig farm for no money.", "exploitation", "+forced_labour"),
    (C + "The broker resold me to another man for 4,000 yuan.", "times_sold", 1),
    (C + "I was sold to a farmer for 3,000 yuan. He resold me to another man.", "times_sold", 2),
    (C + "The guide got 2,000 yuan for me.", "times_sold", 1),
    (C + "The broker handed me over to a farmer for 3,500 yuan.", "times_sold", 1),
    (C + "I was sold again, this time to a man in Shandong.", "times_sold", 2),
    (C + "I was sold four times in all.", "times_sold", 4),
    (C + "I was traded to a farmer for 2,000 yuan.", "times_sold", 1),
    (C + "The broker got 2,000 yuan for me.", "sales", [(2000.0, "RMB")]),
    (C + "I was sold for ¥3,000.", "sales", [(3000.0, "RMB")]),
    (C + "He paid the broker 7000 Yuan for me.", "sales", [(7000.0, "RMB")]),
    (C + "I was sold for 3,000 yuan (about $375).", "sales", [(3000.0, "RMB")]),
    (C + "The police raided the house in 2004 and took me away.", "arrested_in_china", 1),
    (C + "In 2005 I was caught during a crackdown.", "arrested_in_china", 1),
    (C + "I was taken to the police station in Yanji in 2004.", "arrested_in_china", 1),
    (C + "Someone informed on me, and the police came for me in 2005.", "arrested_in_china", 1),
    (C + "Border police stopped me on the road and took me into custody.", "arrested_in_china", 1),
    (C + "I was arrested three times.", "arrested_in_china", 3),
    (C + "I got caught by the public security bureau in 2004.", "arrested_in_china", 1),
    (C + "My husband was caught and sent back in 2004.", "repatriated", None),
    (C + "I was deported to North Korea in 2005.", "repatriated", 1),
    (C + "I was sent back to the North in 2004 and held by the bowibu.", "repatriated", 1),
    (C + "After I was sent back, the police in Onsong held me for ten days.", "nk_detention", "+police_detention"),
    (C + "Since then I have had a baby boy.", "children_in_china", 1),
    (C + "I became pregnant and had a daughter the next year.", "children_in_china", 1),
    (C + "I have a four-year-old son with him.", "children_in_china", 1),
    ("I left North Korea in the winter of 1998.", "first_crossing_year", 1998),
    ("I came to China in the fall of 2000.", "first_crossing_year", 2000),
    ("In May of 2003, I crossed over to China.", "first_crossing_month", 5),
    ("I was born in Kimchaek and grew up there. In 2000 I left.", "origin_nk", "Kimchaek"),
    ("My home was in Sinuiju. I went to China in 2000.", "origin_nk", "Sinuiju"),
    # ---------------- third batch ----------------
    (C + "I am not registered anywhere, so I am an illegal person.", "hukou_or_id", "none"),
    (C + "Since I am not Chinese, I cannot have a hukou.", "hukou_or_id", "none"),
    (C + "I have a temporary residence permit from the local police.", "hukou_or_id", "obtained"),
    (C + "The village head got me a hukou after I married.", "hukou_or_id", "obtained"),
    (C + "My husband bribed an official to get me an ID card.", "hukou_or_id", "fake"),
    (C + "I live without a hukou, like a shadow.", "hukou_or_id", "none"),
    (C + "Q: Do you have an ID card?\nA: No.", "hukou_or_id", "none"),
    (C + "The police came and arrested me at the market in 2004.", "arrested_in_china", 1),
    (C + "In 2004 I was captured during a police search of the village.", "arrested_in_china", 1),
    (C + "I got arrested in Yanji in 2005.", "arrested_in_china", 1),
    (C + "I was caught and repatriated in 2004.", "arrested_in_china", 1),
    (C + "I was caught and repatriated in 2004.", "repatriated", 1),
    (C + "I was arrested for the second time in 2006.", "arrested_in_china", 2),
    (C + "Q: Have you ever been arrested in China?\nA: Yes, once, in 2004.", "arrested_in_china", 1),
    (C + "I was nearly caught by the police once.", "arrested_in_china", 0),
    (C + "The police arrested the broker.", "arrested_in_china", None),
    (C + "The broker forced me into prostitution.", "exploitation", "+prostitution"),
    (C + "I was sold to a karaoke bar where I had to serve customers.", "exploitation", "+prostitution"),
    (C + "They tied me up so I could not run away.", "violence", "+confinement"),
    (C + "When I tried to escape, he caught me and beat me.", "violence", "+beating"),
    (C + "He threatened to call the police on me.", "violence", "+threat_of_denunciation"),
    (C + "His son raped me while he was away.", "violence", "+rape"),
    (C + "A broker sold me and my sister to two farmers.", "times_sold", 1),
    (C + "The broker sold me for two thousand five hundred yuan.", "sales", [(2500.0, "RMB")]),
    (C + "I was sold for 4,000 RMB.", "sales", [(4000.0, "RMB")]),
    (C + "I was sold for 3,500 yuan, and my friend was sold for 4,000 yuan.", "sales", [(3500.0, "RMB")]),
    (C + "I was sold for 3,500 yuan, and my friend was sold for 4,000 yuan.", "times_sold", 1),
    ("I came to China in 1999 with my aunt. We had no broker.", "recruitment", "+voluntary_alone"),
    ("A woman I had never met said she could get me a job in a Chinese restaurant. I crossed with "
     "her in 2002 and she sold me.", "recruiter_relation", "+stranger"),
    ("I crossed the river in 2000. The people who sold me were Korean-Chinese.", "recruiter_relation", "+korean_chinese_broker"),
    # ---------------- fourth batch: returns told with her as object, and near misses ----------------
    (C + "I was arrested in 2004. A month later the Chinese authorities deported me.", "repatriated", 1),
    (C + "I was arrested in 2004, and after two weeks the police sent me back.", "repatriated", 1),
    (C + "I was sold to a farmer. After a month he sent me back to the broker.", "repatriated", None),
    (C + "They deported my husband in 2005.", "repatriated", None),
    (C + "My cousin was drugged and sold to a farmer.", "recruitment", "-drugged"),
    (C + "A neighbour's son told me about work in China, and he took me across and sold me.", "recruiter_relation", "-friend"),
    ("Q: When did you first come to China?\nA: In the winter of 1998.", "first_crossing_year", 1998),
    ("Q: When did your sister leave North Korea?\nA: In 2002.", "first_crossing_year", None),
    (C + "In 2004 the Chinese police held me for a week and then handed me over to North Korea.", "arrested_in_china", 1),
    (C + "I was sent back in 2004. The police held me for ten days.", "arrested_in_china", None),
    (C + "The police held my husband for a week.", "arrested_in_china", None),
    (C + "I cannot register because I am a North Korean.", "hukou_or_id", "none"),
    (C + "My husband registered me as his wife with a fake name.", "hukou_or_id", "fake"),
    (C + "I was sold to a bar owner, and then to a farmer.", "times_sold", 2),
    (C + "I was sold to a farmer, and later to another man in Shandong for 6,000 yuan.", "times_sold", 2),
    (C + "I was sold to a farmer and then I ran away.", "times_sold", 1),
    (C + "The man gave the broker 5,000 yuan and took me home.", "sales", [(5000.0, "RMB")]),
    (C + "I have been caught by the police two times.", "arrested_in_china", 2),
    (C + "I was sent back to North Korea three times.", "repatriated", 3),
    (C + "I gave birth to twins in 2005.", "children_in_china", 2),
    (C + "I have three children with my husband here.", "children_in_china", 3),
    # ---------------- fifth batch ----------------
    (C + "The man I was sold to often hit me on the head.", "violence", "+beating"),
    (C + "Whenever I said I wanted to go home, he beat me up.", "violence", "+beating"),
    (C + "I suffered a lot of beatings from my husband.", "violence", "+beating"),
    (C + "I was abused by his whole family.", "violence", "+beating"),
    (C + "The broker threatened that he would sell me to a brothel.", "violence", "-beating"),
    (C + "He would report me to the police whenever we argued, he said.", "violence", "+threat_of_denunciation"),
    (C + "He told me that he would turn me in to the police if I ran.", "violence", "+threat_of_denunciation"),
    (C + "They threatened to have me sent back to North Korea.", "violence", "+threat_of_denunciation"),
    (C + "I was kept in a small room and could not go anywhere.", "violence", "+confinement"),
    (C + "For the first year I was not allowed to leave the house.", "violence", "+confinement"),
    (C + "He forced me to sleep with him.", "violence", "+rape"),
    (C + "The first night he raped me.", "violence", "+rape"),
    (C + "I was forced to become his wife.", "exploitation", "+forced_marriage"),
    (C + "I had no choice but to live with him as his wife.", "exploitation", "+forced_marriage"),
    (C + "I was sold to a man to be his wife.", "exploitation", "+forced_marriage"),
    (C + "I was forced to sell my body.", "exploitation", "+prostitution"),
    (C + "I had to receive customers at the massage parlour.", "exploitation", "+prostitution"),
    (C + "I was sold into prostitution in Shenyang.", "exploitation", "+prostitution"),
    (C + "I worked at a restaurant for a year and saved money.", "exploitation", []),
    (C + "The broker sold me to a man in the countryside.", "exploitation", "+forced_marriage"),
    ("I left North Korea alone in 1999 because we had no food.", "recruitment", "+voluntary_alone"),
    ("A woman in the market said if I went to China I could earn money to help my family. In 2000 I went with her and she sold me.", "recruitment", "+deception_job_offer"),
    ("A man promised to find me a Chinese husband who would treat me well. In 2002 he took me across.", "recruitment", "+introduced_marriage"),
    ("I paid a guide 300 yuan to help me cross the river in 2003.", "recruitment", "+voluntary_with_broker"),
    ("I went to China in 1998 through a broker I hired.", "recruitment", "+voluntary_with_broker"),
    (C + "I did not have a hukou, so I could not go to the hospital.", "hukou_or_id", "none"),
    (C + "I am still living here illegally.", "hukou_or_id", "none"),
    (C + "I have no legal status in China.", "hukou_or_id", "none"),
    # ---------------- sixth batch: prices and counts ----------------
    (C + "They got 4,000 yuan by selling me.", "times_sold", 1),
    (C + "They got 4,000 yuan by selling me.", "sales", [(4000.0,"RMB")]),
    (C + "The price they received for me was 3,000 yuan.", "sales", [(3000.0,"RMB")]),
    (C + "I was handed over to a Chinese man in exchange for 5,000 yuan.", "sales", [(5000.0,"RMB")]),
    (C + "The man paid 6000 yuan to the broker, and I became his wife.", "sales", [(6000.0,"RMB")]),
    (C + "He had bought me for 7,000 yuan from a broker.", "sales", [(7000.0,"RMB")]),
    (C + "I was sold for about 3,000 yuan.", "sales", [(3000.0,"RMB")]),
    (C + "I was sold for 2,000 to 3,000 yuan.", "times_sold", 1),
    (C + "I was sold for 5,000 yuan, which is about 600 dollars.", "sales", [(5000.0,"RMB")]),
    (C + "In 2004 I was sold to another man for 6,000 yuan. That was my second sale.", "times_sold", 1),
    (C + "I was sold to a farmer in 2003. In 2005 the farmer sold me to his friend for 3,000 yuan.", "times_sold", 2),
    (C + "I was sold to a farmer in 2003. In 2005 the farmer sold me to his friend for 3,000 yuan.", "sales", [(3000.0,"RMB")]),
    (C + "I was sold to a farmer. Two years later, I was sold to another farmer.", "times_sold", 2),
    (C + "I was sold to a farmer. My sister was sold to his neighbour.", "times_sold", 1),
    (C + "I was sold to a Korean-Chinese man.", "sales", []),
    (C + "Q: How many times were you sold?\nA: Twice.", "times_sold", 2),
    (C + "Q: Were you sold?\nA: Yes, for 5,000 yuan.", "sales", [(5000.0,"RMB")]),
    (C + "Q: Were you sold?\nA: No.", "times_sold", 0),
    (C + "I was bought by an old farmer for three thousand yuan.", "sales", [(3000.0,"RMB")]),
    (C + "A Korean-Chinese woman sold me to an old man for 4,000 yuan.", "recruiter_relation", "+korean_chinese_broker"),
    (C + "A Korean-Chinese woman sold me to an old man for 4,000 yuan.", "sales", [(4000.0,"RMB")]),
    # ---------------- seventh batch: who recruited her ----------------
    (C + "A Chosunjok woman sold me to a farmer.", "recruiter_relation", "+korean_chinese_broker"),
    (C + "A Chaoxianzu man took me to Shenyang and sold me.", "recruiter_relation", "+korean_chinese_broker"),
    (C + "An ethnic Korean broker sold me to a Han man.", "recruiter_relation", "+korean_chinese_broker"),
    (C + "A Korean Chinese woman sold me to a Han man.", "recruiter_relation", "+korean_chinese_broker"),
    (C + "A North Korean woman who worked with the brokers took me to Yanji and sold me.", "recruiter_relation", "+north_korean_trafficker"),
    ("A woman from my hometown said she would take me to her relatives in China. In 1999 she led me across the river and sold me.", "recruiter_relation", "+neighbour_or_villager"),
    ("My older sister's friend said I could work in China. In 2000 she took me over and sold me.", "recruiter_relation", "+other"),
    ("My own aunt sold me to a Chinese man in 2001 after we crossed.", "recruiter_relation", "+relative"),
    ("My aunt sold me to a Chinese man in 2001 after we crossed.", "recruitment", "+sold_by_acquaintance"),
    ("In 2001 I crossed with my aunt. In China a broker sold me.", "recruiter_relation", "-relative"),
    ("In 2001 I crossed with my aunt. In China a broker sold me.", "recruitment", "-sold_by_acquaintance"),
    ("A man I met in the market in Musan said he could get me a job. In 2002 I crossed with him and he sold me.", "recruiter_relation", "+stranger"),
    ("In 2002 I crossed the river alone. At the station a Korean-Chinese woman said she could find me work, and she sold me.", "recruitment", "+deception_job_offer"),
    ("In 2002 I crossed the river alone. At the station a Korean-Chinese woman said she could find me work, and she sold me.", "recruitment", "+voluntary_alone"),
    ("In 1998 I crossed the river to find food. A Korean-Chinese man gave me a meal and then sold me to a farmer.", "recruiter_relation", "+korean_chinese_broker"),
    # ---------------- eighth batch: custody, returns, children, home, dates ----------------
    (C + "In 2005 I was caught by the border police at Tumen and repatriated.", "arrested_in_china", 1),
    (C + "Someone reported me to the police, and I was taken away in 2004.", "arrested_in_china", 1),
    (C + "In 2004 the public security came to the village and I was arrested along with two other women.", "arrested_in_china", 1),
    (C + "I was arrested at a checkpoint on the way to Beijing.", "arrested_in_china", 1),
    (C + "I was captured by the Chinese police in 2004 and sent to the Tumen detention center.", "arrested_in_china", 1),
    (C + "I was captured by the Chinese police in 2004 and sent to the Tumen detention center.", "nk_detention", []),
    (C + "I was sent back in 2004 and held at the Onsong holding center for a month.", "nk_detention", ["holding_centre"]),
    (C + "I was repatriated in 2004. I spent a year at a labor training camp in Chongjin.", "nk_detention", ["labour_training_camp"]),
    (C + "I was repatriated in 2004. The security agency interrogated me.", "nk_detention", ["state_security_interrogation"]),
    (C + "I was repatriated in 2004 and then sent to prison for three years.", "nk_detention", "+kyohwaso"),
    (C + "After being repatriated, I crossed the river again in 2005.", "repatriated", 1),
    (C + "After my repatriation in 2004 I came back to China.", "repatriated", 1),
    (C + "I have been repatriated twice.", "repatriated", 2),
    (C + "I was caught and sent back to the North in 2004. I came back to China in 2005 and was caught again in 2006.", "arrested_in_china", 2),
    (C + "I was caught and sent back to the North in 2004. I came back to China in 2005 and was caught again in 2006.", "repatriated", 1),
    (C + "I have a six-year-old daughter from my Chinese husband.", "children_in_china", 1),
    (C + "I gave birth to a son in 2005 and a daughter in 2007.", "children_in_china", 2),
    (C + "We had a baby in 2005.", "children_in_china", 1),
    (C + "In 2005 I had a son.", "children_in_china", 1),
    ("I am from Hoeryong, North Hamgyong Province. I came to China in 2000.", "origin_nk", "Hoeryong"),
    ("I was born in 1975 in Chongjin. In 2000 I came to China.", "origin_nk", "Chongjin"),
    ("I lived in Musan with my parents until 1999, when I left for China.", "origin_nk", "Musan"),
    ("It was October 2000 when I crossed the river.", "first_crossing_month", 10),
    ("I crossed the river on a cold night in January 1999.", "first_crossing_month", 1),
    ("In 1999, around May, I crossed the Tumen.", "first_crossing_month", 5),
    ("I came to China in the year 2000.", "first_crossing_year", 2000),
    ("I left home in 1997 and crossed into China the same year.", "first_crossing_year", 1997),
]


def _check(p: dict, key: str, want: object) -> bool:
    got = p[key]
    if key == "sales":
        return sorted((s["amount"], s["currency"]) for s in got) == sorted(want)  # type: ignore[arg-type]
    if isinstance(want, str) and isinstance(got, list) and want[:1] in "+-":
        return (want[1:] in got) == (want[0] == "+")
    if isinstance(want, list):
        return sorted(got) == sorted(want)
    return bool(got == want)


# known misses, left for a later session (each names its class)
XFAIL = {
    "My friend was sold to a farmer by a broker.": "another woman's seller read as a recruiter",
    "promised me a job in a restaurant but I did not go": "a lure she refused, after a crossing alone",
    "Our son was born in 2006.": "a birth placed in China only by its date",
    "A Chinese man who dealt in women": "a trader told by what he did, not a broker noun",
    "A woman I knew from the market": "an acquaintance told as 'a woman I knew'",
    "I was sold again, this time": "'again' with no earlier sale told",
    "the police in Onsong held me": "North Korean police named only as 'the police'",
    "the Chinese police held me for a week": "custody told as 'held me' (North Korean police hold too)",
    "Q: How many times were you sold?": "a sale told only as an interview answer",
    "Q: Were you sold?": "a sale told only as an interview answer",
    "then sent to prison for three years": "an unnamed prison term after a return (kyohwaso by inference)",
    "In 1999, around May,": "a month told apart from its year",
    "At the station a Korean-Chinese woman said she could find me work": "crossing alone, then a lure in China: coders may keep both",
}


@pytest.mark.parametrize("i", range(len(CASES)))
def test_paraphrase(i: int) -> None:
    text, key, want = CASES[i]
    p = profile(extract(text, lang="en"))
    why = next((v for k, v in XFAIL.items() if k in text), None)
    if why and not _check(p, key, want):
        pytest.xfail(why)
    assert _check(p, key, want), f"{key}: got {p[key]!r}, want {want!r} for {text!r}"


if __name__ == "__main__":  # report: python tests/extract/test_paraphrase_battery_en.py
    fails = []
    for i, (text, key, want) in enumerate(CASES):
        p = profile(extract(text, lang="en"))
        if not _check(p, key, want):
            fails.append(i)
            print(f"FAIL {i} {key}: got {p[key]!r} want {want!r} :: {text}")
    print(f"{len(CASES) - len(fails)}/{len(CASES)} pass")

"""Writes the corpus entries that do not come from a recognizer's or parser's own test suite.

Phrasings are customer wording collected from public sources named per entry group (see ../README.md):
the failures reported in issue 11, Australian, British and American date/time usage (Macquarie and
Oxford usage notes: "arvo", "saturday week", "a week on Friday", "half two", D/M dates), public
chat-support phrasing (yes/no, choices, corrections), libphonenumber's example numbers for AU, GB, US
and NZ in the forms customers type them, and given/family names from national top-name lists
(AU, UK ONS, US SSA). Expected values follow the bot's rules, not any recognizer's output.
"""
import json, os, hashlib

out = os.path.join(os.path.dirname(__file__), '..')
IN, OUT, SAT, SUN = '2026-12-01T10:00:00', '2026-12-01T19:30:00', '2026-12-05T11:00:00', '2026-12-06T15:00:00'


def split_of(text, now):
    return 'heldout' if int(hashlib.sha1((text + now).encode()).hexdigest(), 16) % 10 < 3 else 'tune'


def emit(name, rows):
    items = []
    for r in rows:
        r.setdefault('now', IN)
        r['split'] = split_of(r['text'], r['now'])
        items.append(r)
    json.dump(items, open(os.path.join(out, name), 'w'), indent=1, ensure_ascii=False)
    print(name, len(items))


def rows(source, entries, **extra):
    return [dict(text=t, expect=e, source=source, **extra, **(dict(now=n) if n else {})) for t, e, n in
            [(x[0], x[1], x[2] if len(x) > 2 else None) for x in entries]]


D = lambda d: {'date': d}
ISSUE = 'issue-11 (reported failures)'
dates = rows(ISSUE, [
    ('dec 18', D('2026-12-18')), ('december 18', D('2026-12-18')), ('jan 10', D('2027-01-10')),
    ('a medium chocolate cake for saturday the 12th, pickup', D('2026-12-12')),
]) + rows('AU/UK usage notes (Macquarie, Oxford): day-of-month, "saturday week", D/M dates', [
    ('the 10th', D('2026-12-10')), ('on the 20th', D('2026-12-20')), ('20th', D('2026-12-20')),
    ('for the 24th', D('2026-12-24')), ('the 5th', D('2026-12-05')), ('5th', D('2026-12-05')), ('the 1st', D('2027-01-01')),
    ('saturday week', D('2026-12-12')), ('a week on saturday', D('2026-12-12')), ('friday week', D('2026-12-11')),
    ('tomorrow week', D('2026-12-09')), ('18/12', D('2026-12-18')), ('18/12/2026', D('2026-12-18')), ('19/12', D('2026-12-19')),
    ('3/1', D('2027-01-03')), ('the 18th of december', D('2026-12-18')), ('18th dec', D('2026-12-18')),
    ('dec 18th', D('2026-12-18')), ('friday the 18th', D('2026-12-18')), ('mon 14th', D('2026-12-14')),
    ('fri 11th', D('2026-12-11')), ('sat 19th', D('2026-12-19')), ('3rd of jan', D('2027-01-03')),
    ('3 jan', D('2027-01-03')), ('3 jan 2027', D('2027-01-03')), ('january 3', D('2027-01-03')),
    ('in a fortnight', D('2026-12-15')), ('a fortnight from today', D('2026-12-15')), ('boxing day', D('2026-12-26')),
    ('christmas eve', D('2026-12-24')), ('xmas eve', D('2026-12-24')), ('new years eve', D('2026-12-31')),
    ("new year's day", D('2027-01-01')), ('the 1st of feb', D('2027-02-01')), ('feb 14', D('2027-02-14')),
    ("valentine's day", D('2027-02-14')), ('12 december', D('2026-12-12')), ('12th december', D('2026-12-12')),
    ('sat the 12th', D('2026-12-12')), ('the twelfth', D('2026-12-12')), ('the nineteenth', D('2026-12-19')),
    ('the 30th', D('2026-12-30')), ('the 31st', D('2026-12-31')), ('the 2nd', D('2026-12-02')),
    ('2nd', D('2026-12-02')), ('the 3rd', D('2026-12-03')), ('the 4th please', D('2026-12-04')),
    ('jan 10th', D('2027-01-10')), ('10 jan', D('2027-01-10')), ('10th of january', D('2027-01-10')),
    ('nov 30', D('2027-11-30')), ('march 3', D('2027-03-03')), ('dec 1 2025', D('2025-12-01')),
    ('18 dec please', D('2026-12-18')), ('can i get it on the 18th', D('2026-12-18')),
    ('need it for the 12th', D('2026-12-12')), ('for sat 12 dec', D('2026-12-12')),
]) + rows('US/AU usage: weekdays and relative days (never in the past)', [
    ('friday', D('2026-12-04')), ('fri', D('2026-12-04')), ('this friday', D('2026-12-04')),
    ('this saturday', D('2026-12-05')), ('sat', D('2026-12-05')), ('saturday', D('2026-12-05')),
    ('thursday', D('2026-12-03')), ('thurs', D('2026-12-03')), ('wednesday', D('2026-12-02')), ('wed', D('2026-12-02')),
    ('monday', D('2026-12-07')), ('mon', D('2026-12-07')), ('next monday', D('2026-12-07')),
    ('next friday', D('2026-12-11')), ('friday next week', D('2026-12-11')), ('wednesday next week', D('2026-12-09')),
    ('tomorrow', D('2026-12-02')), ('tmrw', D('2026-12-02')), ('tmr', D('2026-12-02')), ('tomoz', D('2026-12-02')),
    ('the day after tomorrow', D('2026-12-03')), ('in 3 days', D('2026-12-04')), ('in two weeks', D('2026-12-15')),
    ('a week from today', D('2026-12-08')), ('a week from friday', D('2026-12-11')), ('this weekend', D('2026-12-05')),
    ('on the weekend', D('2026-12-05')), ('today', D('2026-12-01')), ('tomorrow please', D('2026-12-02')),
    ('by friday', D('2026-12-04')), ('for friday please', D('2026-12-04')), ('next saturday', D('2026-12-12')),
    ('tomorrow', D('2026-12-02'), OUT), ('friday', D('2026-12-04'), OUT), ('monday', D('2026-12-07'), SAT),
    ('the 10th', D('2026-12-10'), SAT), ('saturday', D('2026-12-12'), SUN), ('next week tuesday', D('2026-12-08')),
    ('christmas', D('2026-12-25')), ('the 18th', D('2026-12-18'), OUT), ('jan 10', D('2027-01-10'), SAT),
])

T = lambda d, f, t=None: {k: v for k, v in (('date', d), ('from', f), ('to', t)) if v}
times = rows(ISSUE, [
    ('tomorrow afternoon', T('2026-12-02', '12:00', '17:00')), ('tomorrow arvo', T('2026-12-02', '12:00', '17:00')),
    ('thursday after lunch', T('2026-12-03', '13:00', '17:00')), ('half past 2 tomorrow', T('2026-12-02', '14:30')),
    ('wed 11ish', T('2026-12-02', '11:00')), ('saturday 9', T('2026-12-05', '09:00')), ('10am', T(None, '10:00')),
    ('wednesday 2pm', T('2026-12-02', '14:00')), ('asap', {'asap': True}),
    ('tomorrow afternoon', T('2026-12-02', '12:00', '17:00'), OUT), ('tomorrow arvo', T('2026-12-02', '12:00', '17:00'), OUT),
    ('saturday 9', T('2026-12-05', '09:00'), OUT), ('wed 11ish', T('2026-12-02', '11:00'), OUT),
]) + rows('AU/UK/US usage notes: parts of the day, "arvo", "half two", "-ish", a.m./p.m. and 24-hour forms', [
    ('this arvo', T('2026-12-01', '12:00', '17:00')), ('arvo', T('2026-12-01', '12:00', '17:00')),
    ('thurs arvo', T('2026-12-03', '12:00', '17:00')), ('friday arvo', T('2026-12-04', '12:00', '17:00')),
    ('this afternoon', T('2026-12-01', '12:00', '17:00')), ('tomorrow morning', T('2026-12-02', '09:00', '12:00')),
    ('friday morning', T('2026-12-04', '09:00', '12:00')), ('fri morning', T('2026-12-04', '09:00', '12:00')),
    ('monday morning', T('2026-12-07', '09:00', '12:00')), ('sat morning', T('2026-12-05', '08:00', '12:00')),
    ('in the morning', T('2026-12-02', '09:00', '12:00'), OUT), ('tomorrow morning', T('2026-12-02', '09:00', '12:00'), OUT),
    ('late afternoon', T('2026-12-01', '15:00', '17:00')), ('early afternoon', T('2026-12-01', '12:00', '14:00')),
    ('mid morning tomorrow', T('2026-12-02', '10:00', '11:00')), ('lunchtime', T('2026-12-01', '12:00', '14:00')),
    ('tomorrow lunchtime', T('2026-12-02', '12:00', '14:00')), ('after lunch', T('2026-12-01', '13:00', '17:00')),
    ('wednesday after lunch', T('2026-12-02', '13:00', '17:00')), ('first thing tomorrow', T('2026-12-02', '09:00', '10:00')),
    ('first thing', T('2026-12-02', '09:00', '10:00'), OUT), ('first thing monday', T('2026-12-07', '09:00', '10:00')),
    ('half two', T(None, '14:30')), ('half 2 tomorrow', T('2026-12-02', '14:30')), ('half past 2', T(None, '14:30')),
    ('half past ten tomorrow', T('2026-12-02', '10:30')), ('quarter to 3', T(None, '14:45')), ('quarter past 11', T(None, '11:15')),
    ('quarter past 11 tomorrow', T('2026-12-02', '11:15')), ('2.30pm', T(None, '14:30')), ('2.30', T(None, '14:30')),
    ('230pm', T(None, '14:30')), ('2:30', T(None, '14:30')), ('14:30', T(None, '14:30')), ('1430 tomorrow', T('2026-12-02', '14:30')),
    ('at 3', T(None, '15:00')), ("3 o'clock", T(None, '15:00')), ('3 oclock tomorrow', T('2026-12-02', '15:00')),
    ('around 3', T(None, '15:00')), ('about 10 tomorrow', T('2026-12-02', '10:00')), ('9ish', T(None, '09:00')),
    ('11-ish', T(None, '11:00')), ('11ish tomorrow', T('2026-12-02', '11:00')), ('2ish', T(None, '14:00')),
    ('4pm', T(None, '16:00')), ('4 pm', T(None, '16:00')), ('4p', T(None, '16:00')), ('10 am', T(None, '10:00')),
    ('10am', T('2026-12-02', '10:00'), OUT), ('at 3', T('2026-12-02', '15:00'), OUT), ('noon', T(None, '12:00')),
    ('midday tomorrow', T('2026-12-02', '12:00')), ('12pm thursday', T('2026-12-03', '12:00')),
    ('tomorrow at 10', T('2026-12-02', '10:00')), ('tmrw 10am', T('2026-12-02', '10:00')), ('mon 10am', T('2026-12-07', '10:00')),
    ('next tues 3pm', T('2026-12-08', '15:00')), ('wednesday at 2', T('2026-12-02', '14:00')), ('thursday 4', T('2026-12-03', '16:00')),
    ('friday at 1', T('2026-12-04', '13:00')), ('friday 1pm', T('2026-12-04', '13:00')), ('sat 10', T('2026-12-05', '10:00')),
    ('saturday at 8', T('2026-12-05', '08:00')), ('monday at 9', T('2026-12-07', '09:00')), ('monday 9.30', T('2026-12-07', '09:30')),
    ('between 2 and 4 tomorrow', T('2026-12-02', '14:00', '16:00')), ('between 2 and 4pm tomorrow', T('2026-12-02', '14:00', '16:00')),
    ('2-3pm thursday', T('2026-12-03', '14:00', '15:00')), ('thursday 2-3', T('2026-12-03', '14:00', '15:00')),
    ('after 3 today', T('2026-12-01', '15:00', '17:00')), ('after 3', T(None, '15:00', '17:00')),
    ('before noon tomorrow', T('2026-12-02', '09:00', '12:00')), ('any time after 2', T(None, '14:00', '17:00')),
    ('any time tomorrow', T('2026-12-02', '09:00', '17:00')), ('sometime tomorrow', T('2026-12-02', '09:00', '17:00')),
    ('tomorrow', T('2026-12-02', '09:00', '17:00')), ('friday', T('2026-12-04', '09:00', '17:00')),
    ('next friday', T('2026-12-11', '09:00', '17:00')), ('monday', T('2026-12-07', '09:00', '17:00'), SAT),
    ('this arvo', T('2026-12-05', '12:00', '13:00'), SAT), ('in an hour', T('2026-12-01', '11:00')), ('in 30 mins', T('2026-12-01', '10:30')),
    ('in half an hour', T('2026-12-01', '10:30')), ('in 2 hours', T('2026-12-01', '12:00')),
    ('as soon as possible', {'asap': True}), ('asap please', {'asap': True}), ('ASAP', {'asap': True}), ('whenever', {'asap': True}),
    ('whenever suits', {'asap': True}), ('any time', {'asap': True}), ('anytime is fine', {'asap': True}), ('now', {'asap': True}),
    ('right now', {'asap': True}), ('straight away', {'asap': True}), ('as soon as you can', {'asap': True}),
    ('whenever you can', {'asap': True}), ('soonest', {'asap': True}), ('asap', {'asap': True}, OUT),
    ('whenever', {'asap': True}, OUT), ('anytime', {'asap': True}, SUN), ('next available', {'asap': True}),
    ('first available', {'asap': True}), ('earliest you can', {'asap': True}),
    ('tomorrow between 10 and 12', T('2026-12-02', '10:00', '12:00')), ('tomorrow 10-11am', T('2026-12-02', '10:00', '11:00')),
    ('thursday morning', T('2026-12-03', '09:00', '12:00'), OUT), ('wednesday arvo', T('2026-12-02', '12:00', '17:00'), OUT),
    ('this evening', T('2026-12-01', '17:00', '21:00')), ('tonight', T('2026-12-01', '17:00', '21:00')),
    ('tomorrow at half past 9', T('2026-12-02', '09:30')), ('10:15 tomorrow', T('2026-12-02', '10:15')),
    ('at 11 on friday', T('2026-12-04', '11:00')), ('11am friday', T('2026-12-04', '11:00')),
])

P = lambda e: {'phone': e}
phones = rows('libphonenumber example numbers (AU/GB/US/NZ) in typed forms; issue-11 numbers', [
    ('412 987 654', P('+61412987654')), ('0444 666 777', P('+61444666777')), ('0412 345 678', P('+61412345678')),
    ('0412345678', P('+61412345678')), ('0412-345-678', P('+61412345678')), ('04 1234 5678', P('+61412345678')),
    ('+61 412 345 678', P('+61412345678')), ('+61412345678', P('+61412345678')), ('61 412 345 678', P('+61412345678')),
    ('+61 (0) 412 345 678', P('+61412345678')), ('0061 412 345 678', P('+61412345678')), ('(02) 9876 5432', P('+61298765432')),
    ('02 9876 5432', P('+61298765432')), ('0298765432', P('+61298765432')), ('+61 2 9876 5432', P('+61298765432')),
    ('(03) 9123 4567', P('+61391234567')), ('07 3123 4567', P('+61731234567')), ('08 9123 4567', P('+61891234567')),
    ('my number is 0412 345 678', P('+61412345678')), ("it's 0413 222 333", P('+61413222333')),
    ('call me on 0413 222 333', P('+61413222333')), ('mob 0413222333', P('+61413222333')), ('ph: 0413 222 333', P('+61413222333')),
    ('0413 222 333 thanks', P('+61413222333')), ('you can reach me on +61 413 222 333', P('+61413222333')),
    ('my mobile: 0455 123 456', P('+61455123456')), ('0455 123 456 is best', P('+61455123456')),
    ('+44 7400 123456', P('+447400123456')), ('+44 (0)7400 123456', P('+447400123456')), ('07700 900123', {'invalid': True}),
    ('+44 20 7946 0958', P('+442079460958')), ('0044 20 7946 0958', P('+442079460958')),
    ('+1 (201) 555-0123', P('+12015550123')), ('+1 201-555-0123', P('+12015550123')), ('+1 212 555 0199', P('+12125550199')),
    ('+64 21 123 4567', P('+64211234567')), ('+64 3 234 5678', P('+6432345678')),
    ('oh four one two three four five six seven eight', P('+61412345678')),
    ('zero four one three two two two three three three', P('+61413222333')),
    ('0412 345', {'invalid': True}), ('12345', {'phone': None}), ('041234567890', {'invalid': True}),
    ('9876 5432', {'invalid': True}), ('0412 345 67', {'invalid': True}), ('my number is 555', {'phone': None}),
    ('I’d rather not give my number', {'phone': None}), ('why do you need it', {'phone': None}),
    ('same as before', {'phone': None}), ('tomorrow at 3', {'phone': None}), ('$120', {'phone': None}),
    ('2 dozen', {'phone': None}), ('18/12/2026', {'phone': None}), ('0400 000 000', P('+61400000000')),
    ('0499 999 999', P('+61499999999')), ('0422 111 222', P('+61422111222')), ('0433-444-555', P('+61433444555')),
    ('04 33 44 45 55', P('+61433444555')), ('0433.444.555', P('+61433444555')), ('+61-433-444-555', P('+61433444555')),
])

N = lambda n: {'name': n}
names = rows(ISSUE, [
    ('Lucy', N('Lucy')), ('Noah Brown, 0444 666 777', N('Noah Brown')),
]) + rows('national top-name lists (AU, UK ONS, US SSA) in chat introduction forms', [
    ('Olivia', N('Olivia')), ('oliver', N('Oliver')), ('Charlotte Smith', N('Charlotte Smith')), ('jack wilson', N('Jack Wilson')),
    ("it's Amelia", N('Amelia')), ("I'm Noah", N('Noah')), ('im isla', N('Isla')), ('my name is Leo Nguyen', N('Leo Nguyen')),
    ("my name's Priya", N('Priya')), ('name is Mia Patel', N('Mia Patel')), ('this is Grace', N('Grace')), ('Henry here', N('Henry')),
    ('call me Bec', N('Bec')), ('ask for Sarah', N('Sarah')), ('ask for Sarah please', N('Sarah')), ('you can ask for Tom', N('Tom')),
    ('Sarah thanks', N('Sarah')), ('Sarah, thanks', N('Sarah')), ('just Kim', N('Kim')), ('Kim.', N('Kim')),
    ("Siobhan O'Brien", N("Siobhan O'Brien")), ('Mohammed Al-Sayed', N('Mohammed Al-Sayed')), ('Zoë', N('Zoë')),
    ('José García', N('José García')), ('Nguyen Van An', N('Nguyen Van An')), ('Aroha', N('Aroha')), ('Chen Wei', N('Chen Wei')),
    ('Mrs Patel', N('Mrs Patel')), ('Dr Sam Lee', N('Dr Sam Lee')), ('sam', N('Sam')), ('SAM', N('Sam')),
    ('Lucy, 412 987 654', N('Lucy')), ('Emily 0412 345 678', N('Emily')), ('Tom on 0413 222 333', N('Tom')),
    ("hi, it's Dana", N('Dana')), ('hey im Max', N('Max')), ('Ruby Jones here', N('Ruby Jones')), ('the name is Archie', N('Archie')),
    ('put it under Hannah', N('Hannah')), ('under the name Liam', N('Liam')), ('Liam please', N('Liam')),
    ('Ava-Grace', N('Ava-Grace')), ('william', N('William')), ('Ethan James', N('Ethan James')), ('me, Harper', N('Harper')),
    ('my husband Jack', N('Jack')), ('my wife, Sophie', N('Sophie')),
    ('why do you need my name', N(None)), ('not sure', N(None)), ('no', N(None)), ('cancel', N(None)),
    ('what are your hours', N(None)), ('pick up', N(None)), ('0412 345 678', N(None)), ('tomorrow', N(None)),
    ("I'd rather not say", N(None)), ('do you deliver', N(None)), ('help', N(None)), ('can I talk to a person', N(None)),
    ('how much is it', N(None)), ('yes', N(None)), ('ok', N(None)), ('this is great', N(None)), ("I'm looking for a cake", N(None)),
    ('im interested', N(None)), ('just browsing', N(None)), ('the same as last time', N(None)),
]) + rows('names made of common English words, not from name lists: public figures (Wikipedia) and Vietnamese name order (family, middle, given)', [
    ('Will Smith', N('Will Smith')), ('will smith', N('Will Smith')), ('Mark Price', N('Mark Price')), ('mark price', N('Mark Price')),
    ('Hope Solo', N('Hope Solo')), ('Grace Jones', N('Grace Jones')), ('Faith Hill', N('Faith Hill')), ('Joy Behar', N('Joy Behar')),
    ('Dawn French', N('Dawn French')), ('Frank Ocean', N('Frank Ocean')), ('Penny Wong', N('Penny Wong')), ('Guy Sebastian', N('Guy Sebastian')),
    ('Bill Baker', N('Bill Baker')), ('Grace', N('Grace')), ('Hope Summers', N('Hope Summers')), ('Tran Thi An', N('Tran Thi An')),
    ('Nguyễn Văn An', N('Nguyễn Văn An')), ('Le Van Long', N('Le Van Long')), ('My Le', N('My Le')), ('Do Thi Mai', N('Do Thi Mai')),
]) + rows('public chat-support phrasing: answers at a name prompt that are not a name', [
    ('idk', N(None)), ('whatever', N(None)), ('skip', N(None)), ('hold on', N(None)), ('never mind', N(None)),
    ('sounds good', N(None)), ('start over', N(None)), ('not telling', N(None)), ("doesn't matter", N(None)), ('all good', N(None)),
])

Y = lambda v: {'yes': v}
yesno = rows(ISSUE, [
    ('yes, I agree', Y(True)), ('I agree', Y(True)), ('y', Y(True)), ('sure thing', Y(True)), ('👍', Y(True)),
    ("no, don't store my details", Y(False)),
]) + rows('public chat-support phrasing (AU/UK/US)', [
    ('yes', Y(True)), ('Yes', Y(True)), ('yep', Y(True)), ('yup', Y(True)), ('yeah', Y(True)), ('ya', Y(True)), ('yas', Y(True)),
    ('yes please', Y(True)), ('yes pls', Y(True)), ('yeah go ahead', Y(True)), ('go for it', Y(True)), ('go ahead', Y(True)),
    ('sounds good', Y(True)), ('sounds great', Y(True)), ('perfect', Y(True)), ('ok', Y(True)), ('okay', Y(True)), ('k', Y(True)),
    ('okey dokey', Y(True)), ('sure', Y(True)), ('of course', Y(True)), ('absolutely', Y(True)), ('definitely', Y(True)),
    ('correct', Y(True)), ("that's correct", Y(True)), ("that's right", Y(True)), ('all good', Y(True)), ('looks good', Y(True)),
    ('that works', Y(True)), ('fine', Y(True)), ('fine by me', Y(True)), ('happy with that', Y(True)), ('i consent', Y(True)),
    ('agreed', Y(True)), ('yes that’s fine', Y(True)), ('yeah nah yeah', Y(True)), ('ta', Y(True)), ('cheers, yes', Y(True)),
    ('✅', Y(True)), ('👌', Y(True)), ('yes!', Y(True)), ('yess', Y(True)), ('yea', Y(True)), ('confirm', Y(True)), ('do it', Y(True)),
    ('no', Y(False)), ('No', Y(False)), ('nope', Y(False)), ('nah', Y(False)), ('na', Y(False)), ('n', Y(False)),
    ('no thanks', Y(False)), ('no thank you', Y(False)), ('not now', Y(False)), ('not really', Y(False)), ('not today', Y(False)),
    ('no way', Y(False)), ("don't", Y(False)), ("i don't agree", Y(False)), ('i do not consent', Y(False)), ('rather not', Y(False)),
    ("I'd rather not", Y(False)), ('yeah nah', Y(False)), ('👎', Y(False)), ('❌', Y(False)), ('no, that’s wrong', Y(False)),
    ("that's wrong", Y(False)), ('incorrect', Y(False)), ('not quite', Y(False)), ('negative', Y(False)), ('no don’t keep my number', Y(False)),
    ("please don't save my details", Y(False)), ('not interested', Y(False)), ('no, leave it', Y(False)),
    ('maybe', Y(None)), ('what do you mean', Y(None)), ('how long do you keep it', Y(None)), ('hmm', Y(None)), ('who sees it?', Y(None)),
    ('what is this for', Y(None)), ('let me think', Y(None)),
])

A = ['Wednesday 2 December, 9:00–9:30 am', 'Wednesday 2 December, 9:30–10:00 am', 'Wednesday 2 December, 10:00–10:30 am']
F = ['Pickup', 'Delivery']
C = lambda i: {'choice': i}
choices = rows('public chat-support phrasing for picking from a list (botbuilder ChoicePrompt style answers)', [
    ('the first one', C(0)), ('first', C(0)), ('1', C(0)), ('option 1', C(0)), ('number 2', C(1)), ('2', C(1)), ('the second', C(1)),
    ('second one please', C(1)), ('3', C(2)), ('the third one', C(2)), ('the last one', C(2)), ('last', C(2)), ('#3', C(2)),
    ('9:30', C(1)), ('9.30 is good', C(1)), ('the 10 o’clock one', C(2)), ('10am', C(2)), ('9am please', C(0)), ('9', C(0)),
    ('half nine', C(1)), ('the earliest', C(0)), ('the latest one', C(2)), ('none of those', C(None)), ('neither', C(None)),
    ('none work', C(None)), ('something in the afternoon', C(None)), ('can I do friday instead', C(None)),
], choices=A) + rows('public chat-support phrasing for picking from a list (botbuilder ChoicePrompt style answers)', [
    ('pickup', C(0)), ('pick up', C(0)), ('Pickup', C(0)), ("i'll pick it up", C(0)), ('I will collect', C(0)), ('collect', C(0)),
    ("i'll come and get it", C(0)), ('click and collect', C(0)), ('pickup please', C(0)), ('1', C(0)), ('the first', C(0)),
    ('delivery', C(1)), ('Delivery please', C(1)), ('deliver it', C(1)), ('please deliver', C(1)), ('can you deliver', C(1)),
    ('delivered please', C(1)), ('bring it to me', C(1)), ('send it to my place', C(1)), ('2', C(1)), ('delivery to Newtown', C(1)),
    ("don't deliver, i'll pick it up", C(0)), ('no delivery', C(0)), ('not sure yet', C(None)), ('how much is delivery', C(None)),
    ('whichever is cheaper', C(None)), ('pikcup', C(0)), ('delivry', C(1)), ('collection', C(0)), ('home delivery', C(1)),
], choices=F)

corrections = rows(ISSUE, [
    ('actually make it 4pm', {'slot': 'time', 'from': '16:00'}),
    ('change the name to Sam', {'slot': 'name', 'value': 'Sam'}),
    ('make it 3 dozen', {'slot': 'quantity', 'value': 36}),
], slots=['name', 'phone', 'time', 'date', 'quantity', 'fulfilment']) + rows('public chat-support phrasing for corrections', [
    ('can we do 3pm instead', {'slot': 'time', 'from': '15:00'}), ('actually 10am is better', {'slot': 'time', 'from': '10:00'}),
    ('change the time to 10:30', {'slot': 'time', 'from': '10:30'}), ('make it 11 instead', {'slot': 'time', 'from': '11:00'}),
    ('sorry, I meant 2pm', {'slot': 'time', 'from': '14:00'}), ('no, 4pm', {'slot': 'time', 'from': '16:00'}),
    ('actually tomorrow afternoon', {'slot': 'time', 'date': '2026-12-02', 'from': '12:00', 'to': '17:00'}),
    ('oops, I meant thursday 2pm', {'slot': 'time', 'date': '2026-12-03', 'from': '14:00'}),
    ('sorry, I meant Friday', {'slot': 'date', 'date': '2026-12-04'}, ), ('no wait, thursday', {'slot': 'date', 'date': '2026-12-03'}),
    ('actually can it be the 19th', {'slot': 'date', 'date': '2026-12-19'}), ('move it to monday', {'slot': 'date', 'date': '2026-12-07'}),
    ('change the date to the 18th', {'slot': 'date', 'date': '2026-12-18'}), ('make it saturday instead', {'slot': 'date', 'date': '2026-12-05'}),
    ('the number is 0413 222 333', {'slot': 'phone', 'value': '+61413222333'}),
    ("my number's wrong, it's 0413 222 333", {'slot': 'phone', 'value': '+61413222333'}),
    ('change my number to 0455 123 456', {'slot': 'phone', 'value': '+61455123456'}),
    ('use 0422 111 222 instead', {'slot': 'phone', 'value': '+61422111222'}),
    ("wrong name, it's Lucy", {'slot': 'name', 'value': 'Lucy'}), ('not Sam, Sean', {'slot': 'name', 'value': 'Sean'}),
    ('the name should be Priya', {'slot': 'name', 'value': 'Priya'}), ('put it under Tom instead', {'slot': 'name', 'value': 'Tom'}),
    ('change it to delivery', {'slot': 'fulfilment', 'value': 'delivery'}), ('make it pickup', {'slot': 'fulfilment', 'value': 'pickup'}),
    ("actually I'll pick it up", {'slot': 'fulfilment', 'value': 'pickup'}), ('can you deliver it instead', {'slot': 'fulfilment', 'value': 'delivery'}),
    ('make it a dozen', {'slot': 'quantity', 'value': 12}), ('make that two', {'slot': 'quantity', 'value': 2}),
    ('actually 3 please', {'slot': 'quantity', 'value': 3}), ('change the quantity to 24', {'slot': 'quantity', 'value': 24}),
    ('make it half a dozen', {'slot': 'quantity', 'value': 6}), ('I need 4 not 2', {'slot': 'quantity', 'value': 4}),
], slots=['name', 'phone', 'time', 'date', 'quantity', 'fulfilment'])

several = rows(ISSUE, [
    ('callback please, Lucy, 412 987 654, wednesday 2pm', {'name': 'Lucy', 'phone': '+61412987654', 'time': T('2026-12-02', '14:00')}),
    ('Noah Brown, 0444 666 777', {'name': 'Noah Brown', 'phone': '+61444666777'}),
    ('Lucy, 412 987 654, wednesday 2pm', {'name': 'Lucy', 'phone': '+61412987654', 'time': T('2026-12-02', '14:00')}),
]) + rows('public chat-support phrasing: several details in one message', [
    ("I'm Dana, 0412 345 678, tomorrow arvo", {'name': 'Dana', 'phone': '+61412345678', 'time': T('2026-12-02', '12:00', '17:00')}),
    ('wednesday 2pm, Lucy, 0412 345 678', {'name': 'Lucy', 'phone': '+61412345678', 'time': T('2026-12-02', '14:00')}),
    ('0413 222 333 - Tom - friday morning', {'name': 'Tom', 'phone': '+61413222333', 'time': T('2026-12-04', '09:00', '12:00')}),
    ('my name is Priya Patel and my number is 0455 123 456', {'name': 'Priya Patel', 'phone': '+61455123456'}),
    ('call Sarah on 0422 111 222 after 3', {'name': 'Sarah', 'phone': '+61422111222', 'time': T(None, '15:00', '17:00')}),
    ('Jack 0433 444 555 asap', {'name': 'Jack', 'phone': '+61433444555', 'time': {'asap': True}}),
    ('ring me tomorrow at 10 on 0412 345 678', {'phone': '+61412345678', 'time': T('2026-12-02', '10:00')}),
    ('Emily Chen, +61 413 222 333, monday 11am', {'name': 'Emily Chen', 'phone': '+61413222333', 'time': T('2026-12-07', '11:00')}),
    ('hi its mia, can someone call me thursday after lunch, 0455123456', {'name': 'Mia', 'phone': '+61455123456', 'time': T('2026-12-03', '13:00', '17:00')}),
])

emit('dates.usage.json', dates)
emit('times.usage.json', times)
emit('phones.json', phones)
emit('names.json', names)
emit('yesno.usage.json', yesno)
emit('choices.json', choices)
emit('corrections.json', corrections)
emit('several.json', several)

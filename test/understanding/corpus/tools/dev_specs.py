"""Writes a development set for the date and time readers from spec files the corpus does not use.

    python3 test/understanding/corpus/tools/dev_specs.py RECOGNIZERS_TEXT_DIR OUT.json

Recognizers-Text's English parser specs (DateParser, TimeParser, DateTimeParser, TimePeriodParser,
DateTimePeriodParser, HolidayParser; MIT) list inputs with a future resolution. Entries whose text is
in the corpus are left out, so nothing here is held out or gating: it is for finding a rule's side
effects before the corpus figures are read (test/eval/understanding/devSpecs.ts). Its expected values
are the spec's own (night is 20:00-23:59, "3 to 3:30" is 03:00), so part of it disagrees with the
bot's rules by design; what matters is what a change moves.
"""
import json, os, re, subprocess, sys

rt, dest = sys.argv[1], sys.argv[2]
YEAR = re.compile(r"\b(1[89]|20)\d\d\b|'\d\d\b")
corpus_dir = os.path.join(os.path.dirname(__file__), '..')
corpus = set()
for f in os.listdir(corpus_dir):
    if f.endswith('.json'):
        corpus |= {e['text'].lower() for e in json.load(open(os.path.join(corpus_dir, f)))}
out, seen = [], set()
for f in ['DateParser', 'TimeParser', 'DateTimeParser', 'TimePeriodParser', 'DateTimePeriodParser', 'HolidayParser']:
    path = os.path.join(rt, f'Specs/DateTime/English/{f}.json')
    for x in json.load(open(path, encoding='utf-8-sig')):
        rs = x.get('Results', [])
        text = x['Input'].strip()
        if len(rs) != 1 or text.lower() in corpus or text.lower() in seen:
            continue
        r, ref = rs[0], (x.get('Context') or {}).get('ReferenceDateTime', '2016-11-07T00:00:00')
        fut, t, e = (r.get('Value') or {}).get('FutureResolution') or {}, r.get('Type', ''), None
        if t == 'date' and 'date' in fut and (fut['date'] >= ref[:10] or YEAR.search(text)):
            e = {'type': 'date', 'expect': {'date': fut['date']}}
        elif t == 'time' and 'time' in fut:
            e = {'type': 'time', 'expect': {'from': fut['time'][:5]}}
        elif t == 'datetime' and 'dateTime' in fut and (fut['dateTime'][:10] >= ref[:10] or YEAR.search(text)):
            d = fut['dateTime']
            e = {'type': 'time', 'expect': {'date': d[:10], 'from': d[11:16]}}
        elif t == 'timerange' and 'startTime' in fut:
            e = {'type': 'time', 'expect': {'from': fut['startTime'][:5], 'to': fut['endTime'][:5]}}
        elif t == 'datetimerange' and 'startDateTime' in fut:
            s, en = fut['startDateTime'], fut['endDateTime']
            if s[:10] == en[:10] and (s[:10] >= ref[:10] or YEAR.search(text)):
                e = {'type': 'time', 'expect': {'date': s[:10], 'from': s[11:16], 'to': en[11:16]}}
        if e:
            seen.add(text.lower())
            out.append({**e, 'text': text, 'now': ref, 'source': f'recognizers-text:Specs/DateTime/English/{f}.json'})
json.dump(out, open(dest, 'w'), indent=1, ensure_ascii=False)
print(dest, len(out))

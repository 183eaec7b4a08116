"""Imports date and time phrasings from two public test suites into corpus entries.

Run from the repository root with the two repositories checked out somewhere:
    python3 test/understanding/corpus/tools/import_specs.py RECOGNIZERS_TEXT_DIR CHRONO_DIR

Only the inputs, reference times and resolved values are taken (as data); which entries are kept and
how an expected value is chosen follow the bot's rules (see ../README.md):
- an entry is kept only when it has one result of a kind a customer gives at a date or time prompt;
- of two resolutions (past and future) the one on or after the reference day is expected, and an
  entry whose only reading is in the past is kept only when it names a year;
- of two readings of an hour (7:30 / 19:30) the one inside 08:00-17:00 is expected, else it is dropped.
"""
import json, re, sys, os, hashlib

rt, chrono = sys.argv[1], sys.argv[2]
out = os.path.join(os.path.dirname(__file__), '..')


def split_of(text):
    return 'heldout' if int(hashlib.sha1(text.encode()).hexdigest(), 16) % 10 < 3 else 'tune'


YEAR = re.compile(r"\b(1[89]|20)\d\d\b|'\d\d\b")
PARTS = {'TMO': ('08:00', '12:00'), 'TAF': ('12:00', '16:00'), 'TEV': ('16:00', '20:00'), 'TNI': ('20:00', '23:59')}


def inside(hhmm):
    h = int(hhmm[:2])
    return 8 <= h < 17


def rt_entries():
    data = json.load(open(os.path.join(rt, 'Specs/DateTime/English/DateTimeModel.json'), encoding='utf-8-sig'))
    dates, times = [], []
    for x in data:
        rs = x.get('Results', [])
        if len(rs) != 1 or 'javascript' in x.get('NotSupported', '').lower():
            continue
        r = rs[0]
        kind = r.get('TypeName', '').replace('datetimeV2.', '')
        ref = x.get('Context', {}).get('ReferenceDateTime')
        if not ref:
            continue
        refday = ref[:10]
        values = r['Resolution']['values']
        text = x['Input'].strip()
        src = 'recognizers-text:Specs/DateTime/English/DateTimeModel.json'
        if kind == 'date':
            vs = [v['value'] for v in values if re.match(r'^\d{4}-\d\d-\d\d$', v.get('value', ''))]
            if not vs:
                continue
            future = [v for v in vs if v >= refday]
            if future:
                exp = min(future)
            elif YEAR.search(text):
                exp = vs[-1]
            else:
                continue
            dates.append({'text': text, 'now': ref, 'expect': {'date': exp}, 'source': src})
        elif kind in ('time', 'datetime'):
            vs = [v['value'] for v in values if 'value' in v and re.match(r'^(\d{4}-\d\d-\d\d )?\d\d:\d\d', v['value'])]
            if not vs or any(v['timex'] == 'PRESENT_REF' for v in values):
                continue
            if len(vs) > 1:
                days = {v[:10] for v in vs if ' ' in v}
                if len(days) > 1:  # past and future day: take the future one
                    vs = [v for v in vs if v[:10] >= refday] or vs
                if len(vs) > 1:
                    ins = [v for v in vs if inside(v.split(' ')[-1][:5])]
                    if len(ins) != 1:
                        continue
                    vs = ins
            v = vs[0]
            exp = {'from': v.split(' ')[-1][:5]}
            if ' ' in v:
                if v[:10] < refday and not YEAR.search(text):
                    continue
                exp['date'] = v[:10]
            times.append({'text': text, 'now': ref, 'expect': exp, 'source': src})
        elif kind in ('timerange', 'datetimerange'):
            v = values[0]
            if len(values) > 1:
                ins = [w for w in values if inside(w.get('start', '')[-8:-3] or '00')]
                if len(ins) != 1:
                    continue
                v = ins[0]
            if 'start' not in v or 'end' not in v:
                continue
            s, e = v['start'], v['end']
            exp = {'from': s[-8:-3], 'to': e[-8:-3]}
            if ' ' in s:
                if s[:10] != e[:10]:
                    continue
                if s[:10] < refday and not YEAR.search(text):
                    continue
                exp['date'] = s[:10]
            times.append({'text': text, 'now': ref, 'expect': exp, 'source': src})
    booleans = []
    for x in json.load(open(os.path.join(rt, 'Specs/Choice/English/BooleanModel.json'), encoding='utf-8-sig')):
        rs = x.get('Results', [])
        exp = rs[0]['Resolution']['value'] if rs else None
        booleans.append({'text': x['Input'], 'expect': {'yes': exp}, 'source': 'recognizers-text:Specs/Choice/English/BooleanModel.json'})
    return dates, times, booleans


CASE = re.compile(r'testSingleCase\(\s*chrono(?:\.\w+)*,\s*"([^"]+)",\s*new Date\(([^)]*)\)\s*,\s*\(?result\)?\s*=>\s*\{(.*?)\n\s*\}\s*\);', re.S)
GET = re.compile(r'result\.start\.get\("(year|month|day|hour|minute)"\)\)\.toBe\((\d+)\)')


def chrono_entries():
    dates, times = [], []
    for f in ['en_casual', 'en_weekday', 'en_month_name_little_endian', 'en_month_name_middle_endian', 'en_time_exp', 'en_relative', 'en_slash', 'en_year_month_day', 'en_time_units_casual_relative']:
        path = os.path.join(chrono, 'test/en', f + '.test.ts')
        if not os.path.exists(path):
            continue
        src = f'chrono-node:test/en/{f}.test.ts'
        for m in CASE.finditer(open(path).read()):
            text, ref, body = m.group(1), m.group(2), m.group(3)
            parts = [int(p) for p in re.findall(r'-?\d+', ref)]
            if len(parts) < 3:
                continue
            y, mo, d = parts[0], parts[1] + 1, parts[2]
            hh, mm = (parts[3] if len(parts) > 3 else 12), (parts[4] if len(parts) > 4 else 0)
            now = f'{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}:00'
            got = {}
            for k, v in GET.findall(body.split('result.end')[0]):
                got.setdefault(k, int(v))
            if not {'year', 'month', 'day'} <= got.keys():
                continue
            date = f"{got['year']:04d}-{got['month']:02d}-{got['day']:02d}"
            if date < now[:10] and not YEAR.search(text):
                continue
            if re.search(r'\b(ago|last|yesterday|before|earlier|past)\b', text, re.I):
                continue
            if re.search(r'\b(now|right now)\b', text, re.I) and not re.search(r'\d', text):
                times.append({'text': text, 'now': now, 'expect': {'asap': True}, 'source': src})
                continue
            # chrono reads a part of the day as one instant; the bot reads it as a window: dropped.
            if re.search(r'\b(morning|afternoon|evening|tonight|night|noon|midnight)\b', text, re.I) and not re.search(r'\d|o.?clock', text, re.I):
                continue
            if 'hour' in got:
                exp = {'date': date, 'from': f"{got['hour']:02d}:{got.get('minute', 0):02d}"}
                times.append({'text': text, 'now': now, 'expect': exp, 'source': src})
            else:
                dates.append({'text': text, 'now': now, 'expect': {'date': date}, 'source': src})
    return dates, times


def dedupe(items):
    seen, out_ = set(), []
    for i in items:
        k = i['text'].lower()
        if k in seen:
            continue
        seen.add(k)
        i['split'] = split_of(i['text'])
        i['locale'] = 'en-US'  # both suites are written in US English: 8/10 is August 10
        out_.append(i)
    return out_


rd, rtimes, rb = rt_entries()
cd, ct = chrono_entries()
for name, items in [('dates.recognizers.json', rd), ('times.recognizers.json', rtimes), ('yesno.recognizers.json', rb), ('dates.chrono.json', cd), ('times.chrono.json', ct)]:
    items = dedupe(items)
    json.dump(items, open(os.path.join(out, name), 'w'), indent=1, ensure_ascii=False)
    print(name, len(items))

"""Generate the bundled demo catalogue, ``catalogue/data/demo_catalogue.csv``.

The demo catalogue is a hand-written set of realistic (but invented) learning opportunities
for 16-25 year olds in a few UK "cities of learning": Brighton & Hove, Plymouth, Southampton,
Cambridge and Peterborough, Manchester and Salford, some small towns, and online.

Run it from the repository root with the project's interpreter::

    .venv/bin/python scripts/make_demo_catalogue.py            # writes the bundled file
    .venv/bin/python scripts/make_demo_catalogue.py -o x.csv   # writes somewhere else

The output is deterministic: dates and times are drawn from a ``random.Random`` seeded with
``SEED`` and the row's id (ids number each provider's items in order), so running the script
twice gives a byte-identical file, and a new row appended for a provider leaves every other
row's dates alone. Only the standard library is needed.

Coordinates come from the hard-coded ``VENUES`` table (neighbourhood, park or town centre,
accurate to about 1 km). A few in-person venues deliberately have no coordinates, so that the
geocoder has to work from the location text (a town name or a full postcode).

The file follows the project's catalogue format: UTF-8, RFC 4180 quoting, LF line ends and
the header in ``HEADER``; it reads back through ``catalogue.catalogue_file`` with no problems
and writes out again byte for byte. Dates are ``YYYY-MM-DD``; sessions with a time are
``YYYY-MM-DDTHH:MM`` in local UK time.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import NamedTuple

SEED = 20261123
TODAY = date(2026, 11, 23)
# Upcoming dated items start in this window (Christmas week is skipped) and end by WINDOW_END.
FUTURE_START, FUTURE_LAST_START = date(2026, 12, 1), date(2028, 4, 30)
WINDOW_END = date(2028, 6, 30)
# Items marked "past:" ran (and finished) in this window, before TODAY.
PAST_START, PAST_END = date(2025, 2, 1), date(2026, 8, 31)

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "catalogue" / "data" / "demo_catalogue.csv"

# fmt: off
HEADER = [
    "id", "title", "description", "provider", "tags", "badge", "skills", "location",
    "latitude", "longitude", "starts_at", "ends_at", "min_age", "max_age", "cost", "url",
]
# fmt: on

SKILLS = frozenset(
    {
        "Communication",
        "Teamwork",
        "Leadership",
        "Creativity",
        "Problem solving",
        "Digital skills",
        "Self-management",
        "Resilience",
        "Planning",
        "Numeracy",
        "Literacy",
        "Customer service",
        "Enterprise",
    }
)


class Item(NamedTuple):
    """One hand-written opportunity, before ids, dates, coordinates and urls are filled in."""

    provider: str  # key into PROVIDERS; also the prefix of the row id
    venue: str  # key into VENUES
    title: str
    tags: str  # ";"-separated, broad topic first
    badge: str
    skills: str  # ";"-separated, from SKILLS
    ages: str  # "16-25", "18+" or "" (no limit)
    cost: str  # "free" or "£<amount>"
    when: str  # schedule code, see schedule()
    description: str


# Venue key -> (location text, latitude, longitude). None coordinates = geocode from the text.
# fmt: off
VENUES: dict[str, tuple[str, float | None, float | None]] = {
    "online": ("online", None, None),
    # Brighton & Hove, Shoreham-by-Sea and Lewes
    "north-laine": ("North Laine, Brighton", 50.8262, -0.1385),
    "jubilee-st": ("Jubilee Street, Brighton", 50.8247, -0.1388),
    "pelham-st": ("Pelham Street, Brighton", 50.8272, -0.1378),
    "london-road": ("London Road, Brighton", 50.8335, -0.1375),
    "the-level": ("The Level, Brighton", 50.8302, -0.1355),
    "st-james-st": ("St James's Street, Brighton", 50.8205, -0.1330),
    "kemptown": ("Kemp Town, Brighton", 50.8195, -0.1225),
    "hanover": ("Hanover, Brighton", 50.8290, -0.1270),
    "madeira-drive": ("Madeira Drive, Brighton", 50.8183, -0.1290),
    "whitehawk": ("Whitehawk, Brighton", 50.8255, -0.1030),
    "moulsecoomb": ("Moulsecoomb, Brighton", 50.8460, -0.1160),
    "hollingbury": ("Hollingbury, Brighton", 50.8555, -0.1300),
    "preston-park": ("Preston Park, Brighton", 50.8400, -0.1455),
    "withdean": ("Withdean, Brighton", 50.8500, -0.1495),
    "patcham": ("Patcham, Brighton", 50.8665, -0.1500),
    "stanmer": ("Stanmer Park, Brighton", 50.8670, -0.1030),
    "hove-centre": ("George Street, Hove", 50.8290, -0.1705),
    "portland-rd": ("Portland Road, Hove", 50.8335, -0.1860),
    "hove-park": ("Hove Park, Hove", 50.8385, -0.1775),
    "hove-lawns": ("Hove Lawns, Hove", 50.8240, -0.1610),
    "hove-lagoon": ("Hove Lagoon, Hove", 50.8268, -0.1965),
    "portslade": ("Portslade", 50.8429, -0.2161),
    "shoreham-beach": ("Shoreham Beach, Shoreham-by-Sea", 50.8290, -0.2770),
    "shoreham": ("Shoreham-by-Sea", 50.8341, -0.2743),
    "lewes": ("Lewes", 50.8740, 0.0088),
    "lewes-text": ("Lewes", None, None),
    "bn-library-pc": ("BN1 1GE", None, None),
    "bn-town-hall-pc": ("BN3 3BQ", None, None),
    # Plymouth (and Dartmoor)
    "mutley": ("Mutley Plain, Plymouth", 50.3835, -4.1385),
    "stonehouse": ("Stonehouse, Plymouth", 50.3685, -4.1570),
    "devonport": ("Devonport, Plymouth", 50.3715, -4.1755),
    "the-hoe": ("Plymouth Hoe", 50.3645, -4.1420),
    "tinside": ("Tinside, Plymouth Hoe", 50.3632, -4.1427),
    "barbican": ("The Barbican, Plymouth", 50.3675, -4.1345),
    "mount-batten": ("Mount Batten, Plymouth", 50.3585, -4.1285),
    "central-park": ("Central Park, Plymouth", 50.3885, -4.1480),
    "armada-way": ("Armada Way, Plymouth", 50.3712, -4.1425),
    "millbay": ("Millbay, Plymouth", 50.3660, -4.1545),
    "royal-william-yard": ("Royal William Yard, Plymouth", 50.3625, -4.1650),
    "plympton": ("Plympton, Plymouth", 50.3880, -4.0520),
    "derriford": ("Derriford, Plymouth", 50.4165, -4.1130),
    "efford": ("Efford, Plymouth", 50.3870, -4.1070),
    "yelverton": ("Yelverton", 50.4929, -4.0838),
    "pl-civic-pc": ("PL1 2AA", None, None),
    # Southampton (and Eastleigh)
    "the-common": ("Southampton Common", 50.9235, -1.4110),
    "ocean-village": ("Ocean Village, Southampton", 50.8945, -1.3920),
    "portswood": ("Portswood, Southampton", 50.9265, -1.3905),
    "shirley": ("Shirley, Southampton", 50.9225, -1.4290),
    "bitterne": ("Bitterne, Southampton", 50.9170, -1.3610),
    "woolston": ("Woolston, Southampton", 50.8930, -1.3780),
    "st-marys": ("St Mary's, Southampton", 50.9065, -1.3925),
    "bargate": ("Bargate, Southampton", 50.9025, -1.4045),
    "guildhall-sq": ("Guildhall Square, Southampton", 50.9085, -1.4055),
    "bedford-place": ("Bedford Place, Southampton", 50.9110, -1.4060),
    "harbour-parade": ("Harbour Parade, Southampton", 50.9055, -1.4110),
    "hoglands": ("Hoglands Park, Southampton", 50.9040, -1.3985),
    "bassett": ("Bassett, Southampton", 50.9405, -1.4150),
    "riverside-park": ("Riverside Park, Southampton", 50.9350, -1.3700),
    "weston-shore": ("Weston Shore, Southampton", 50.8850, -1.3650),
    "eastleigh": ("Eastleigh", 50.9667, -1.3500),
    "so-civic-pc": ("SO14 7LY", None, None),
    # Cambridge (and Histon)
    "parkers-piece": ("Parker's Piece, Cambridge", 52.2020, 0.1265),
    "mill-road": ("Mill Road, Cambridge", 52.1990, 0.1400),
    "chesterton": ("Chesterton, Cambridge", 52.2195, 0.1370),
    "arbury": ("Arbury, Cambridge", 52.2245, 0.1180),
    "kings-hedges": ("King's Hedges, Cambridge", 52.2315, 0.1245),
    "cherry-hinton": ("Cherry Hinton, Cambridge", 52.1875, 0.1760),
    "trumpington": ("Trumpington, Cambridge", 52.1740, 0.1130),
    "jesus-green": ("Jesus Green, Cambridge", 52.2110, 0.1225),
    "coldhams": ("Coldham's Common, Cambridge", 52.2070, 0.1590),
    "eddington": ("Eddington, Cambridge", 52.2190, 0.0880),
    "science-park": ("Cambridge Science Park", 52.2345, 0.1475),
    "biomedical": ("Cambridge Biomedical Campus", 52.1745, 0.1400),
    "histon": ("Histon", 52.2517, 0.1064),
    "cb-guildhall-pc": ("CB2 3QJ", None, None),
    # Peterborough
    "cathedral-sq": ("Cathedral Square, Peterborough", 52.5725, -0.2430),
    "embankment": ("The Embankment, Peterborough", 52.5690, -0.2375),
    "millfield": ("Millfield, Peterborough", 52.5830, -0.2480),
    "orton": ("Orton, Peterborough", 52.5530, -0.2880),
    "werrington": ("Werrington, Peterborough", 52.6110, -0.2730),
    "bretton": ("Bretton, Peterborough", 52.5900, -0.2830),
    "hampton": ("Hampton, Peterborough", 52.5350, -0.2650),
    "ferry-meadows": ("Ferry Meadows, Peterborough", 52.5600, -0.3030),
    "dogsthorpe": ("Dogsthorpe, Peterborough", 52.5940, -0.2290),
    "fletton": ("Fletton, Peterborough", 52.5580, -0.2430),
    "pe-text": ("Peterborough", None, None),
    # Manchester and Salford (and the Peak District)
    "northern-quarter": ("Northern Quarter, Manchester", 53.4840, -2.2355),
    "ancoats": ("Ancoats, Manchester", 53.4850, -2.2265),
    "piccadilly": ("Piccadilly, Manchester", 53.4810, -2.2370),
    "st-peters-sq": ("St Peter's Square, Manchester", 53.4780, -2.2440),
    "albert-sq": ("Albert Square, Manchester", 53.4795, -2.2447),
    "deansgate": ("Deansgate, Manchester", 53.4800, -2.2490),
    "canal-st": ("Canal Street, Manchester", 53.4770, -2.2365),
    "oxford-road": ("Oxford Road, Manchester", 53.4680, -2.2330),
    "ardwick": ("Ardwick, Manchester", 53.4705, -2.2170),
    "hulme": ("Hulme, Manchester", 53.4657, -2.2488),
    "moss-side": ("Moss Side, Manchester", 53.4585, -2.2450),
    "platt-fields": ("Platt Fields Park, Manchester", 53.4475, -2.2215),
    "longsight": ("Longsight, Manchester", 53.4590, -2.2010),
    "levenshulme": ("Levenshulme, Manchester", 53.4440, -2.1920),
    "gorton": ("Gorton, Manchester", 53.4665, -2.1700),
    "sportcity": ("Sportcity, Manchester", 53.4840, -2.1990),
    "chorlton": ("Chorlton, Manchester", 53.4420, -2.2760),
    "wythenshawe": ("Wythenshawe, Manchester", 53.3800, -2.2650),
    "cheetham-hill": ("Cheetham Hill, Manchester", 53.5000, -2.2385),
    "salford-quays": ("Salford Quays", 53.4715, -2.2905),
    "mediacity": ("MediaCityUK, Salford", 53.4725, -2.2975),
    "ordsall": ("Ordsall, Salford", 53.4760, -2.2760),
    "pendleton": ("Pendleton, Salford", 53.4900, -2.2830),
    "peel-park": ("Peel Park, Salford", 53.4880, -2.2720),
    "kersal": ("Kersal, Salford", 53.5095, -2.2750),
    "m-library-pc": ("M2 5PD", None, None),
    "salford-text": ("Salford", None, None),
    "edale": ("Edale", 53.3670, -1.8160),
    # Small towns
    "truro": ("Truro", 50.2640, -5.0520),
    "treliske": ("Treliske, Truro", 50.2667, -5.0915),
    "barnstaple": ("Barnstaple", 51.0802, -4.0581),
    "kendal": ("Kendal", 54.3268, -2.7476),
    "kendal-text": ("Kendal", None, None),
    "windermere": ("Windermere", 54.3809, -2.9071),
    "hexham": ("Hexham", 54.9712, -2.1020),
    "ely": ("Ely", 52.3990, 0.2620),
    "bideford": ("Bideford", 51.0168, -4.2083),
    "westward-ho": ("Westward Ho!", 51.0395, -4.2385),
    "whitby": ("Whitby", 54.4860, -0.6150),
    "fistral": ("Fistral Beach, Newquay", 50.4175, -5.1000),
    "frome": ("Frome", 51.2283, -2.3221),
    "frome-text": ("Frome", None, None),
    "ludlow": ("Ludlow", 52.3680, -2.7190),
}
# fmt: on

# Provider key (= id prefix) -> provider name. Every provider is invented.
# fmt: off
PROVIDERS: dict[str, str] = {
    # Brighton & Hove
    "ncc": "North Laine Code Club",
    "hpr": "Hove Park Rovers FC",
    "eby": "East Brighton Youth Collective",
    "pyb": "Prism Youth Brighton",
    "lpc": "Lagoon Paddle Club",
    "asp": "Adur Sail & Paddle",
    "drp": "Downs Rangers Youth Project",
    "ssl": "Seafront Sound Lab",
    "ppt": "Pier Players Youth Theatre",
    "ldc": "Laine Dance Collective",
    "ppv": "Preston Park Velo",
    "bsc": "Brighton Skills College",
    "bsa": "Withdean Swim Academy",
    "cck": "Crumb & Co Training Kitchen",
    "eba": "East Brighton Boxing Academy",
    "hbc": "Hove Boulder Co-op",
    "lus": "Level Up Skate School",
    "hwc": "Hove Wanderers Cricket Club",
    "yca": "Young City Assembly",
    "mwb": "Mind Waves Brighton",
    "hcp": "Hanover Clay & Paint Studio",
    "ovr": "Ouse Valley Riding Centre",
    "brr": "Brighton Reading Rooms",
    "bmg": "Brighton Makers Guild",
    "shg": "Seafront Hospitality Group",
    "shf": "Sussex Health Futures",
    "lyf": "Lewes Youth Film Collective",
    "hjs": "Hove Job Shop",
    "seb": "Seedbed Enterprise Brighton",
    "hlr": "Hove Lawns Runners",
    "bho": "Brighton Hoops",
    "ccb": "Clean Coast Brighton",
    "hgt": "Hollingbury Grow Together",
    # Plymouth
    "sst": "Sound Sail & Paddle Trust",
    "hrf": "Hoe Rangers FC",
    "dyh": "Devonport Youth Hub",
    "sbc": "Stonehouse Boxing Club",
    "mjc": "Mutley Judo Club",
    "mcc": "Millbay Climbing Centre",
    "psc": "Plymouth Skate Collective",
    "ocs": "Ocean City Skills College",
    "phc": "Peninsula Health Careers",
    "tme": "Tamar Marine Engineering",
    "ocl": "Ocean City Libraries",
    "pyv": "Plymouth Young Voices",
    "rtp": "Rainbow Tide Plymouth",
    "cpf": "Central Park Swim & Fitness",
    "dya": "Dartmoor Youth Adventures",
    "bbt": "Barbican Beats",
    "bds": "Barbican Digital Studio",
    "mas": "Mutley Arts Space",
    "yka": "Yard Kitchen Academy",
    "ocn": "Ocean City Netball",
    "pvr": "Plympton Vikings RFC",
    "eas": "Efford Animal Sanctuary",
    "ccd": "Coastal Creatures Discovery Centre",
    "ocr": "Ocean City Runners",
    "oce": "Ocean City Enterprise Hub",
    # Southampton
    "isp": "Itchen Sail & Paddle Centre",
    "ppf": "Portswood Panthers FC",
    "shb": "Solent Hoops",
    "snc": "Shirley Netball Club",
    "bbr": "Bassett Barbarians RFC",
    "ivc": "Itchen Valley Cricket Club",
    "sla": "Solent Aquatics",
    "vsc": "Vertical Solent Climbing",
    "hsc": "Hoglands Skate Crew",
    "bba": "Bitterne Boxing Academy",
    "ssd": "Solent Street Dance Academy",
    "pyc": "Portswood Youth Centre",
    "bpm": "Bedford Place Music Collective",
    "abt": "Above Bar Youth Theatre",
    "bsk": "Bargate Skills College",
    "ska": "Solent Kitchen Academy",
    "syf": "Southampton Youth Forum",
    "hly": "Harbour Lights LGBTQ+ Youth",
    "cgw": "Common Ground Wellbeing",
    "oef": "Ocean Engineering Futures",
    "shc": "Solent Health Careers",
    "scl": "Shirley Community Library",
    "sjh": "Southampton Job Hub",
    "hrg": "Harbour Retail Group",
    "sar": "Solent Animal Rescue",
    "cbh": "Common Bike Hub",
    "nfe": "New Forest Explorers",
    # Cambridge
    "spr": "Science Park Robotics Club",
    "cys": "Cambridge Young Scientists",
    "pcc": "Parker's Piece Cricket Club",
    "cpd": "Cam Paddlers",
    "khc": "King's Hedges Climbing Barn",
    "cyd": "Cambridge Young Debaters",
    "ayc": "Arbury Youth Centre",
    "chp": "Cherry Hinton Pottery",
    "tcc": "Trumpington Cycle Club",
    "mrc": "Mill Road Coffee Academy",
    "ctk": "Chesterton Taekwondo",
    "eds": "Eddington Dance Studio",
    "cww": "Cam Writers' Workshop",
    "ccw": "Coldham's Common Wildlife Volunteers",
    "hrs": "Histon Riding School",
    "cca": "Cambridge Chess Academy",
    "bcc": "Biomedical Campus Careers",
    "cmy": "Cambridge Mindful Youth",
    "prn": "Parkside Runners",
    "mrm": "Mill Road Makers",
    "jgc": "Jesus Green Community Choir",
    # Peterborough
    "mcl": "Millfield Community Learning",
    "oaf": "Orton Athletic FC",
    "ccn": "Cathedral City Netball",
    "esc": "Embankment Swim Club",
    "brb": "Bretton Boxing Club",
    "dyc": "Dogsthorpe Youth Centre",
    "wmk": "Werrington Makers",
    "fmo": "Ferry Meadows Outdoors",
    "ffh": "Fletton Fitness Hub",
    "cha": "City Hair Academy Peterborough",
    "cqs": "Cathedral Quarter Sewing Room",
    "nca": "Nene Construction Academy",
    "lsn": "Little Steps Nursery Group",
    "csr": "Cathedral Square Retail Partnership",
    "cjc": "City Jobs Club Peterborough",
    "nva": "Nene Valley Animal Centre",
    "pbg": "Peterborough Board Game Cafe",
    # Manchester and Salford
    "nqb": "Northern Quarter Beats",
    "acc": "Ancoats Code Collective",
    "mys": "MediaCity Youth Studio",
    "msh": "Moss Side Hoops",
    "hcb": "Hulme Community Boxing",
    "orl": "Ordsall Rugby League Club",
    "sca": "Sportcity Cycling Academy",
    "wwf": "Wythenshawe Wanderers FC",
    "pfl": "Platt Fields Ladies FC",
    "lcc": "Longsight Cricket Club",
    "abh": "Ardwick Boulder Hall",
    "sqw": "Salford Quays Watersports",
    "mws": "Mancunian Way Skate Club",
    "hdh": "Hulme Dance House",
    "chm": "Cheetham Hill Martial Arts",
    "gyg": "Gorton Youth Gym",
    "ppr": "Peel Park Runners",
    "cgd": "Chorlton Guitar & Drums",
    "msw": "Moss Side Word",
    "ort": "Oxford Road Youth Theatre",
    "nfl": "Northern Quarter Fashion Lab",
    "sha": "Salford Hair Academy",
    "aks": "Ancoats Kitchen School",
    "dhg": "Deansgate Hospitality Group",
    "ohc": "Oxford Road Health Careers",
    "wyh": "Wythenshawe Youth Hub",
    "ivr": "Irwell Valley Rangers",
    "mgs": "Moss Side Growing Space",
    "kcf": "Kersal City Farm",
    "sta": "Salford Trades Academy",
    "oew": "Openshaw Engineering Works",
    "ysm": "Young Scientists MCR",
    "cll": "City Library Learning Manchester",
    "syh": "Salford Youth Jobs Hub",
    "nsl": "Northern Quarter Start-Up Lab",
    "mym": "Manchester Youth Minds",
    "vyc": "Village Youth Collective",
    "myd": "Manchester Young Debaters",
    "mya": "Manchester Young People's Assembly",
    "mbc": "Manchester BSL Club",
    "nqt": "Northern Quarter Tabletop",
    "amk": "Ancoats Makers",
    "moy": "MCR Outdoors Youth",
    "sea": "Sportcity Esports Arena",
    "onc": "Ordsall Netball Club",
    # Small towns
    "kha": "Kernow Health Academy",
    "cyv": "Cornwall Youth Volunteers",
    "kls": "Kernewek Learners Truro",
    "nda": "North Devon Animal Rescue",
    "bjc": "Barnstaple Job Club",
    "ttc": "Tarka Trail Cycling Club",
    "lya": "Lakes Youth Adventures",
    "thr": "Tynedale Horse Riding Centre",
    "nbc": "Northumberland Bushcraft Co",
    "erk": "Ely River Kayakers",
    "fcv": "Fenland Conservation Volunteers",
    "eya": "Ely Youth Art Club",
    "nds": "North Devon Surf School",
    "bbb": "Bideford Boatbuilders' Workshop",
    "wwr": "Whitby Writers' Room",
    "wpc": "Whitby Photo Club",
    "wsh": "Whitby Seaside Hospitality",
    "fss": "Fistral Surf School",
    "fps": "Frome Pottery Studio",
    "fmc": "Frome Music Collective",
    "lfa": "Ludlow Food Academy",
    "lhv": "Ludlow Heritage Volunteers",
    # Online
    "oca": "Open Code Academy",
    "vch": "Virtual Careers Hub",
    "yml": "Youth Money Lab",
    "slo": "Story Lab Online",
    "cco": "Calm Corner Online",
    "roy": "Rainbow Online Youth",
    "odl": "Online Debate League",
    "sto": "Sign Together",
    "cmo": "Checkmate Online",
    "ple": "Pixel League Esports",
    "mbo": "Maths Boost Online",
    "lco": "Lingo Club Online",
    "llo": "Learner Lane",
    "fao": "First Aid Online Academy",
    "dao": "Digital Art Club Online",
    "bpo": "Bedroom Producers Online",
    "gmo": "Game Makers Online",
    "snp": "Snap Challenge",
    "seo": "Science Explorers Online",
    "yfo": "Young Founders Online",
    "mvn": "Micro-Volunteering Network",
    "rso": "Retail Skills Online",
    "omo": "Open Mic Online",
    "pao": "Podcast Academy Online",
    "yco": "Youth Climate Online",
    "ogc": "Online Guitar Club",
}
# fmt: on

# fmt: off
ITEMS: list[Item] = [
    # ---------------------------------------------------------------- Brighton & Hove
    Item("ncc", "north-laine", "Intro to Coding", "tech;coding;python",
         "North Laine Code Club: Level 1", "Digital skills;Problem solving", "16-25", "free",
         "weekly:8/eve",
         "Never written a line of code? Start here: build small games and handy tools in "
         "Python with friendly mentors. Laptops provided, no maths genius required."),
    Item("ncc", "north-laine", "Coding Level 2", "tech;coding;python",
         "North Laine Code Club: Level 2", "Digital skills;Problem solving;Planning", "16-25",
         "free", "weekly:10/eve>",
         "For anyone who has done Intro to Coding or already knows the basics. Work with "
         "real data, write your own functions and make a program other people can use."),
    Item("ncc", "north-laine", "Coding Level 3: Build an App", "tech;coding;app development",
         "North Laine Code Club: Level 3", "Digital skills;Problem solving;Teamwork;Planning",
         "16-25", "free", "weekly:12/eve>",
         "Team up to design, build and demo a working web app for a local charity. A proper "
         "portfolio project if you're after a job or apprenticeship in tech."),
    Item("ncc", "north-laine", "Easter Coding Bootcamp 2026", "tech;coding;web design",
         "Easter Bootcamper", "Digital skills;Problem solving", "16-19", "free",
         "past2026:days:4/day@4",
         "Four days of Python and web basics over the Easter holidays, finishing with a mini "
         "hackathon and pizza."),
    Item("hpr", "hove-park", "Friday Night Five-a-Side", "sport;football;five-a-side",
         "Five-a-Side Regular", "Teamwork;Communication", "16-25", "free", "ongoing",
         "Turn up, get put in a team and play. Bibs and balls provided, all abilities "
         "welcome; just bring trainers and a water bottle."),
    Item("hpr", "hove-park", "Women's Football: Just Play", "sport;football;women's football",
         "Just Play Footballer", "Teamwork;Resilience", "16+", "free", "ongoing",
         "Relaxed kickabouts for women and girls who fancy trying football or getting back "
         "into it. No tryouts and no pressure, just a good laugh and a run around."),
    Item("hpr", "hove-park", "Junior Football Coach Course", "sport;football;coaching",
         "Hove Park Junior Coach", "Leadership;Communication;Planning", "16-25", "£15",
         "weekly:6/sat",
         "Learn to run fun, safe football sessions for under-10s. Finish with a coaching "
         "award and the chance to help out at our Saturday youth league."),
    Item("eby", "whitehawk", "Whitehawk Youth Club Nights", "community;youth club",
         "Youth Club Regular", "Communication;Teamwork", "16-19", "free", "ongoing",
         "Pool, table tennis, music, a hot meal and youth workers to chat to. Drop in on "
         "Tuesday and Thursday evenings, and bring a mate."),
    Item("eby", "whitehawk", "Peer Leaders Programme", "leadership;youth leadership;volunteering",
         "East Brighton Peer Leader", "Leadership;Communication;Planning;Teamwork", "16-21",
         "free", "weekly:10/eve",
         "Train as a peer leader: plan activities for younger members, learn to handle tricky "
         "situations and come away with a reference for college or work."),
    Item("eby", "moulsecoomb", "Moulsecoomb Street Dance", "dance;street dance;hip hop",
         "Street Dance Crew Member", "Creativity;Teamwork;Self-management", "16-21", "free",
         "ongoing",
         "Hip hop, krump and commercial choreography with a local crew. Total beginners are "
         "welcome and you'll know a full routine within a few weeks."),
    Item("eby", "whitehawk", "Cook & Eat: Meals on a Budget", "food;cooking;budgeting",
         "Budget Cook", "Self-management;Planning;Numeracy", "16-25", "free", "ongoing",
         "Learn five cheap, tasty meals you can make in a tiny kitchen, then sit down and eat "
         "them together. Handy if you're about to move out."),
    Item("pyb", "kemptown", "Prism LGBTQ+ Youth Group", "lgbtq+;youth group;wellbeing",
         "Prism Member", "Communication;Resilience", "16-25", "free", "ongoing",
         "A safe, friendly space for LGBTQ+ young people and anyone questioning. Games, "
         "chats, trips and support from trained youth workers every Wednesday."),
    Item("lpc", "hove-lagoon", "Stand-Up Paddleboarding Taster",
         "watersports;paddleboarding;sup", "Lagoon Paddler",
         "Resilience;Self-management", "16-25", "£15", "once/sat@5-9",
         "Try SUP on the calm, sheltered water of Hove Lagoon. Board, wetsuit and instructor "
         "included; you need to be able to swim 50 metres."),
    Item("bsa", "withdean", "Confidence in the Water", "sport;swimming;learn to swim",
         "Water Confident", "Resilience;Self-management", "16-25", "£4", "ongoing",
         "Small, patient swimming lessons for 16-25s who never learned or feel nervous in "
         "the pool. Go at your own pace in the shallow end."),
    Item("bsa", "withdean", "Pool Lifeguard Course", "health;lifeguarding;first aid",
         "Withdean Pool Lifeguard", "Resilience;Communication;Self-management", "16-25",
         "£180", "days:5/day@2-4",
         "Get qualified as a pool lifeguard: rescue skills, CPR and first aid. Leisure "
         "centres are always hiring, and it's a flexible part-time job at uni."),
    Item("asp", "shoreham-beach", "Dinghy Sailing Taster", "watersports;sailing",
         "Adur Sailor: Taster", "Teamwork;Resilience", "16-25", "£20", "once/sun@5-9",
         "Spend an afternoon learning the ropes (literally) in a two-person dinghy on the "
         "River Adur. Buoyancy aids and waterproofs provided."),
    Item("drp", "stanmer", "South Downs Conservation Days",
         "environment;conservation;volunteering", "Downs Ranger", "Teamwork;Resilience",
         "16-25", "free", "ongoing",
         "Get outdoors and help look after the South Downs: hedge laying, chalk grassland "
         "work and fixing paths. Lunch and a minibus from Brighton station included."),
    Item("drp", "stanmer", "Duke of Edinburgh's Award: Bronze to Gold",
         "outdoors;duke of edinburgh;expeditions", "Downs DofE Crew",
         "Teamwork;Planning;Resilience;Leadership", "16-24", "£45", "weekly:12/eve",
         "Do your DofE with us: volunteering, a new skill, a physical activity and an "
         "expedition across the Downs. Tents, stoves and rucksacks can be borrowed."),
    Item("drp", "stanmer", "Bushcraft Weekend", "outdoors;camping;bushcraft",
         "Stanmer Bushcrafter", "Problem solving;Resilience;Teamwork", "16-25", "£25",
         "days:2/wkend@4-9",
         "Build a shelter, light a fire without matches and cook dinner on it, then spend a "
         "night in the woods with experienced leaders. Tents and food included."),
    Item("drp", "patcham", "Sunday Downs Walks", "outdoors;hiking;walking",
         "Downs Walker", "Self-management;Resilience", "16-25", "free", "ongoing",
         "Monthly 10-15 km walks along the South Downs Way with a picnic stop and great "
         "views. Meet at the bus stop; bring comfy boots and a waterproof."),
    Item("ssl", "london-road", "Make Beats on a Laptop", "music;music production;making beats",
         "Sound Lab Producer", "Creativity;Digital skills", "16-25", "free", "weekly:6/eve",
         "Learn to make beats, chop samples and build a full track in Ableton. Headphones "
         "and laptops provided; bring your ideas and your playlists."),
    Item("ssl", "london-road", "DJ Skills for Beginners", "music;djing",
         "Sound Lab DJ", "Creativity;Self-management", "16-25", "£10", "weekly:4/eve",
         "Beatmatching, EQ, building a set and reading a crowd on club-standard decks. "
         "Finish with a short set at our showcase night."),
    Item("ssl", "london-road", "Open Mic: Rap & Spoken Word", "music;rap;spoken word",
         "Open Mic Performer", "Communication;Creativity;Resilience", "16-25", "free",
         "ongoing",
         "Bring your bars, your poems or just come and listen. Monthly open mic with a "
         "supportive crowd and a proper sound engineer."),
    Item("ssl", "london-road", "Pop Choir: No Auditions", "music;singing;choir",
         "Sound Lab Singer", "Communication;Teamwork;Creativity", "16-25", "free", "ongoing",
         "Sing pop, soul and musical theatre hits in harmony. No auditions and no reading "
         "music; if you can sing in the shower, you can sing with us."),
    Item("ppt", "kemptown", "Youth Theatre Company", "drama;theatre;acting",
         "Pier Players Company Member", "Communication;Teamwork;Creativity", "16-25", "£3",
         "ongoing",
         "Weekly drama building up to two shows a year: acting, improv and devising your "
         "own work. Backstage roles too if you'd rather not perform."),
    Item("ldc", "north-laine", "Ballet for Absolute Beginners", "dance;ballet",
         "Barre Beginner", "Self-management;Resilience", "16-25", "£6", "ongoing",
         "Never done ballet? Neither has anyone else in this class. Learn the basics at the "
         "barre in a relaxed studio where nobody is judging."),
    Item("ppv", "preston-park", "Cycling Confidence on the Roads",
         "cycling;cycling proficiency;bikeability", "Road Ready Cyclist",
         "Self-management;Problem solving", "16-25", "free", "once/sat",
         "Learn to ride safely in traffic: road position, junctions, roundabouts and bike "
         "lanes. Ideal if you're starting to cycle to college or work."),
    Item("bsc", "pelham-st", "Carpentry Taster Day", "trades;carpentry;joinery",
         "Bench Joiner Taster", "Problem solving;Numeracy", "16-25", "free", "day/sat",
         "Measure, cut and join timber to make a small stool you can take home, and hear "
         "about our carpentry and joinery courses and apprenticeships."),
    Item("bsc", "pelham-st", "Barista Skills", "hospitality;barista;coffee",
         "Brighton Barista: Level 1", "Customer service;Communication", "16-25", "£25",
         "weekly:3/eve",
         "Pull a decent espresso, steam milk and pour a basic heart. Brighton cafes are "
         "always hiring and this gets your foot in the door."),
    Item("bsc", "pelham-st", "British Sign Language Level 1", "languages;sign language;bsl",
         "BSL Starter", "Communication", "16-25", "£40", "weekly:10/eve",
         "Learn fingerspelling, everyday signs and how to hold a simple conversation in BSL "
         "with a Deaf tutor."),
    Item("bsc", "pelham-st", "College Esports Squad", "gaming;esports",
         "Brighton Esports Squad", "Teamwork;Communication;Self-management", "16-18", "free",
         "ongoing",
         "Play Rocket League and Valorant in a student esports league and find out about "
         "jobs in gaming, from shoutcasting to running events."),
    Item("bsc", "pelham-st", "Emergency First Aid Certificate", "health;first aid",
         "Emergency First Aider", "Communication;Problem solving;Resilience", "16-25", "£30",
         "day/sat",
         "A one-day certificated course: CPR, using a defibrillator, choking, bleeding and "
         "the recovery position. Looks great on any job application."),
    Item("bsc", "pelham-st", "ESOL Conversation Club", "english;esol;conversation",
         "English Conversation Club", "Communication;Literacy", "16-25", "free", "ongoing",
         "Practise speaking English in a friendly group and get help with forms and everyday "
         "situations. All levels welcome, tea and biscuits provided."),
    Item("cck", "st-james-st", "Cafe Skills Traineeship",
         "hospitality;cafe work;customer service", "Crumb & Co Trainee",
         "Customer service;Teamwork;Self-management", "16-24", "free", "weekly:8/day",
         "Eight weeks of free training in our community cafe: food hygiene, the till, coffee "
         "and serving customers, with a guaranteed job interview at the end."),
    Item("eba", "whitehawk", "Boxing Fitness", "sport;boxing;fitness",
         "East Brighton Boxer", "Self-management;Resilience", "16-25", "£3", "ongoing",
         "Pads, bags, skipping and circuits with qualified coaches. Non-contact, all fitness "
         "levels welcome, and gloves to borrow."),
    Item("hbc", "portland-rd", "Bouldering Beginners Night", "sport;climbing;bouldering",
         "Boulder Starter", "Problem solving;Resilience", "16-25", "£8", "ongoing",
         "Learn to climb on our colourful bouldering walls with a coach on hand. Shoes "
         "included, no ropes and no experience needed."),
    Item("lus", "the-level", "Skate School at The Level", "sport;skateboarding",
         "Level Skater", "Resilience;Self-management", "16-25", "free", "ongoing",
         "Free coaching at the skatepark every Sunday. Boards and pads to borrow for "
         "beginners, returners and anyone who wants to land a kickflip."),
    Item("lus", "the-level", "Summer Skate Jam 2026", "sport;skateboarding;skate jam",
         "Skate Jam 2026 Rider", "Resilience;Creativity", "16-25", "free", "past2026:day/sat@7-8",
         "Best-trick comps, a beginners' jam and a DJ all afternoon at The Level."),
    Item("hwc", "hove-park", "Softball Cricket Evenings", "sport;cricket;softball cricket",
         "Wanderers Cricketer", "Teamwork;Communication", "16-25", "£2", "weekly:10/eve@5-6",
         "Fast, friendly softball cricket on summer evenings. Everyone bats, everyone bowls, "
         "and there's no hard ball and no whites."),
    Item("yca", "bn-town-hall-pc", "Young City Assembly", "politics;youth council;democracy",
         "Young City Assembly Member", "Leadership;Communication;Planning", "16-19", "free",
         "ongoing",
         "Have your say on buses, parks, housing and mental health services. Monthly "
         "meetings with councillors, plus training in speaking up and campaigning."),
    Item("mwb", "hanover", "Wellbeing Drop-in", "wellbeing;mental health",
         "Mind Waves Check-In", "Self-management;Resilience", "16-25", "free", "ongoing",
         "Feeling low, anxious or just stuck? Drop in for a cuppa and a confidential chat "
         "with a youth wellbeing worker. No referral needed."),
    Item("mwb", "hove-lawns", "Sunrise Mindfulness on Hove Lawns",
         "wellbeing;mindfulness;meditation", "Mindful Mornings",
         "Self-management;Resilience", "16-25", "free", "weekly:6/morn@5-8",
         "Gentle breathing, a body scan and a slow walk by the sea to start the weekend calm. "
         "Bring a towel or mat to sit on."),
    Item("hcp", "hanover", "Pottery Wheel Taster", "art;pottery;ceramics",
         "Hanover Potter: Taster", "Creativity;Self-management", "16-25", "£18", "once/sat",
         "Get your hands muddy on the wheel and throw your first pots. We glaze and fire "
         "them for you to collect two weeks later."),
    Item("hcp", "hanover", "Digital Illustration on iPad", "art;digital art;illustration",
         "Digital Illustrator", "Creativity;Digital skills", "16-25", "£20", "weekly:4/eve",
         "Draw with Procreate on iPads: layers, brushes and colour, finishing with a "
         "character design or gig poster. iPads provided."),
    Item("hcp", "north-laine", "Phone Photography Walks", "art;photography;street photography",
         "Brighton Street Photographer", "Creativity;Digital skills", "16-25", "£3",
         "ongoing",
         "Wander the North Laine and seafront with a photographer and learn composition, "
         "light and editing. Your phone camera is all you need."),
    Item("ovr", "lewes", "Horse Riding for Beginners", "animals;horse riding",
         "Ouse Valley Rider", "Resilience;Self-management", "16-25", "£35", "weekly:4/sat",
         "Four lessons from getting on to a confident trot. Hats and boots to borrow; no "
         "riding experience needed."),
    Item("ovr", "lewes-text", "Stable Volunteers", "animals;animal care;volunteering",
         "Stable Hand", "Self-management;Teamwork;Resilience", "16-25", "free", "ongoing",
         "Muck out, groom and help care for our riding school horses on weekend mornings. "
         "Brilliant if you're thinking about an animal care or equine course."),
    Item("brr", "jubilee-st", "Saturday Chess Club", "games;chess",
         "Reading Rooms Chess Player", "Problem solving;Self-management", "", "free",
         "ongoing",
         "Casual and rated games every Saturday afternoon. Boards provided, and beginners "
         "get a quick lesson from our regulars."),
    Item("brr", "jubilee-st", "Board Game Night", "games;board games;tabletop",
         "Tabletop Regular", "Communication;Teamwork;Problem solving", "16-25", "£2",
         "ongoing",
         "Catan, Codenames, D&D one-shots and loads more. Shelves of games to try, or bring "
         "your favourite and teach us."),
    Item("brr", "jubilee-st", "Young Writers' Room", "writing;creative writing;fiction",
         "Reading Rooms Writer", "Creativity;Literacy", "16-25", "free", "ongoing",
         "A friendly group for young writers: prompts, quick exercises and sharing work if "
         "you want to. Stories, fan fiction and scripts all welcome."),
    Item("brr", "jubilee-st", "Zine & Poetry Workshop", "writing;poetry;zines",
         "Zine Maker", "Creativity;Literacy", "16-25", "£3", "once/sat",
         "Write, cut, paste and photocopy your own zine. Poems, comics, rants: bring the "
         "words and we'll bring the scissors."),
    Item("brr", "bn-library-pc", "CV Clinic", "careers;cv writing",
         "CV Ready", "Literacy;Self-management;Digital skills", "16-25", "free", "ongoing",
         "Bring your CV, or nothing at all, and get one-to-one help writing it, tailoring it "
         "to a job and uploading it to job sites."),
    Item("brr", "jubilee-st", "Language Cafe", "languages;spanish;french;language exchange",
         "Language Cafe Regular", "Communication", "16+", "free", "ongoing",
         "Practise Spanish, French, Italian or Arabic over coffee with native speakers and "
         "other learners. All levels, just come along."),
    Item("bmg", "hollingbury", "3D Printing Workshop", "making;3d printing;design",
         "Guild 3D Printer", "Digital skills;Creativity;Problem solving", "16-25", "£10",
         "once/sat",
         "Design something in Tinkercad and print it on our machines: phone stands, "
         "keyrings, cosplay props. You keep whatever you make."),
    Item("bmg", "hollingbury", "Open Makerspace Night", "making;makerspace;electronics",
         "Guild Maker", "Problem solving;Creativity", "16+", "£3", "ongoing",
         "Laser cutter, soldering irons, sewing machines and Lego robotics kits, with "
         "members happy to help you get a project off the ground."),
    Item("shg", "madeira-drive", "Bar Staff Training", "hospitality;bar work;customer service",
         "Seafront Bar Team", "Customer service;Teamwork;Numeracy", "18-25", "free",
         "weekly:3/day",
         "Learn to pour, serve responsibly and keep calm behind a busy bar. Includes a "
         "licensing awareness certificate and interviews for summer jobs."),
    Item("shf", "kemptown", "Health Careers Taster Day", "health;nursing;healthcare",
         "Health Futures Taster", "Communication;Teamwork", "16-18", "free", "day/day",
         "Try nursing, paramedic and physio skills with NHS staff: taking blood pressure, "
         "CPR and moving patients safely. Find out all the routes in."),
    Item("lyf", "lewes", "Short Film Crew", "media;film-making;video",
         "Lewes Film Crew", "Creativity;Teamwork;Digital skills", "16-25", "£5",
         "weekly:8/eve",
         "Write, shoot and edit a short film in eight weeks, with cameras and editing kit "
         "provided. Screening for friends and family at the end."),
    Item("lyf", "lewes", "Stop-Motion Animation Weekend", "media;animation;stop motion",
         "Lewes Animator", "Creativity;Digital skills;Teamwork", "16-25", "£15",
         "days:2/wkend",
         "Make a short stop-motion film with clay, Lego or paper cut-outs. Learn frame-by-"
         "frame shooting, adding sound and editing."),
    Item("hjs", "hove-centre", "Hove Job Club", "careers;job club;job search",
         "Hove Job Seeker", "Self-management;Digital skills;Communication", "16-25", "free",
         "ongoing",
         "Weekly drop-in help to find jobs, fill in applications and prep for interviews, "
         "with free printing and Wi-Fi."),
    Item("hjs", "hove-centre", "Mock Interviews with Local Employers", "careers;job interviews",
         "Interview Ready", "Communication;Resilience", "16-25", "free", "ongoing",
         "Practise a real interview with a manager from a local business and get honest, "
         "kind feedback. Dress the way you would on the day."),
    Item("seb", "north-laine", "Start-Up Sprint", "enterprise;start a business;side hustle",
         "Seedbed Founder", "Enterprise;Creativity;Planning;Numeracy", "16-25", "free",
         "weekly:6/eve",
         "Got an idea for a business or side hustle? Test it, price it and pitch it to local "
         "entrepreneurs. Small grants for the best ideas."),
    Item("hlr", "hove-lawns", "Couch to 5K by the Sea", "sport;running;couch to 5k",
         "Seafront 5K Finisher", "Self-management;Resilience", "16+", "free", "weekly:9/eve",
         "Go from the sofa to running 5 km in nine weeks along Hove seafront, with friendly "
         "run leaders and nobody left behind."),
    Item("bho", "moulsecoomb", "Drop-in Basketball", "sport;basketball",
         "Brighton Hoops Regular", "Teamwork;Communication", "16-25", "free", "ongoing",
         "Pick-up games and coached drills on Tuesday evenings. All skill levels, just turn "
         "up in trainers."),
    Item("ccb", "madeira-drive", "Beach Clean Volunteers", "environment;volunteering;beach clean",
         "Beach Guardian", "Teamwork;Self-management", "16+", "free", "ongoing",
         "Join our monthly beach cleans and help record what washes up for marine "
         "conservation research. Gloves, pickers and bags supplied."),
    Item("hgt", "hollingbury", "Community Garden Growers", "gardening;growing food",
         "Grow Together Gardener", "Teamwork;Self-management", "16-25", "free", "ongoing",
         "Grow veg, help look after the bees and cook what you harvest. Friendly, "
         "low-pressure and really good for your head."),
    # ---------------------------------------------------------------- Plymouth
    Item("sst", "mount-batten", "Sailing Taster", "watersports;sailing",
         "Sound Sailor: Stage 1", "Teamwork;Resilience", "16-25", "£10", "once/sat@4-5",
         "Your first time afloat on Plymouth Sound, in a steady dinghy with an instructor "
         "right beside you. Wetsuits and buoyancy aids provided."),
    Item("sst", "mount-batten", "Start Sailing Level 1", "watersports;sailing;dinghy sailing",
         "Sound Sailor: Stage 2", "Teamwork;Resilience;Problem solving", "16-25", "£60",
         "days:2/wkend@4-9>",
         "Two days learning to rig, launch, tack and gybe. By Sunday afternoon you'll be "
         "sailing a dinghy round a short course on your own."),
    Item("sst", "mount-batten", "Sailing Level 2: Skipper Your Own Boat",
         "watersports;sailing;dinghy sailing", "Sound Sailor: Stage 3",
         "Leadership;Problem solving;Resilience;Self-management", "16-25", "£90",
         "days:3/day@5-9>",
         "Take charge of a boat and crew, sail in livelier winds, and learn capsize recovery "
         "and basic navigation. For those who've done Start Sailing."),
    Item("sst", "mount-batten", "Sea Kayaking Club", "watersports;kayaking;sea kayaking",
         "Sound Paddler", "Resilience;Teamwork", "16-25", "£5", "ongoing",
         "Explore the coves around Mount Batten and out to the breakwater by kayak, with "
         "coaches and all the kit. Must be able to swim."),
    Item("hrf", "central-park", "Monday Night Five-a-Side", "sport;football;five-a-side",
         "Hoe Rangers Five-a-Side", "Teamwork;Communication", "16-25", "free", "ongoing",
         "Floodlit five-a-side every Monday night. Turn up, grab a bib and play; keepers "
         "especially welcome."),
    Item("hrf", "central-park", "Women's Football Development Squad",
         "sport;football;women's football", "Hoe Rangers Development Player",
         "Teamwork;Resilience;Self-management", "16-21", "£2", "ongoing",
         "Coached training for young women who want to improve and play league football, "
         "from complete beginners to county hopefuls."),
    Item("hrf", "central-park", "Futsal Nights", "sport;football;futsal",
         "Futsal Regular", "Teamwork;Problem solving", "16-25", "£2", "ongoing",
         "Fast, skilful indoor football with a smaller, heavier ball. Brilliant for your "
         "first touch, with coaching every other week."),
    Item("ocn", "devonport", "Back to Netball", "sport;netball",
         "Ocean City Netballer", "Teamwork;Communication", "16+", "£3", "ongoing",
         "Relaxed netball for anyone who played at school and misses it, or never played at "
         "all. Skills, then friendly games every Wednesday."),
    Item("pvr", "plympton", "Touch Rugby Summer League", "sport;rugby;touch rugby",
         "Touch Rugby Player", "Teamwork;Communication", "16-25", "£3", "weekly:10/eve@5-6",
         "No tackling, mixed teams and loads of running. An easy way into rugby, or just a "
         "fun way to get fit with your mates."),
    Item("cpf", "central-park", "Swim Fit", "sport;swimming;fitness",
         "Swim Fit Member", "Self-management;Resilience", "16-25", "£3", "ongoing",
         "Coached lane swimming to sort out your stroke and build stamina. You'll need to "
         "be able to swim 100 metres without stopping."),
    Item("cpf", "tinside", "Beach Lifeguard Course", "health;lifeguarding;beach lifeguard",
         "Tinside Beach Lifeguard", "Resilience;Communication;Teamwork", "16-25", "£220",
         "days:5/day@4-5",
         "Train for the beach lifeguard qualification: sea rescues, rescue boards, casualty "
         "care and spotting rip currents. Summer jobs on Devon and Cornwall beaches follow."),
    Item("cpf", "central-park", "Gym Induction & Strength Basics",
         "fitness;gym;strength training", "Strength Starter", "Self-management;Planning",
         "16-25", "£5", "ongoing",
         "Learn to squat, deadlift and bench press safely with a coach, and leave with a "
         "programme you can follow on your own."),
    Item("sbc", "stonehouse", "Stonehouse Amateur Boxing", "sport;boxing",
         "Stonehouse Boxer", "Self-management;Resilience;Teamwork", "16-25", "£2", "ongoing",
         "Proper boxing training in a community gym: footwork, pads and conditioning, with "
         "competitive bouts for anyone who wants them."),
    Item("mjc", "mutley", "Judo for Beginners", "sport;martial arts;judo",
         "Mutley Judoka: Red Belt", "Self-management;Resilience", "16-25", "£4",
         "ongoing",
         "Learn throws, holds and how to fall safely. Judo is great for confidence and "
         "fitness, and nobody minds if you've never tried it."),
    Item("mcc", "millbay", "Climbing Club Taster", "sport;climbing;bouldering",
         "Millbay Climber", "Resilience;Problem solving", "16-25", "£6", "ongoing",
         "Ropes, auto-belays and bouldering, with staff on hand to show you the ropes. Shoes "
         "and harness included."),
    Item("psc", "central-park", "Girls & Non-Binary Skate Night", "sport;skateboarding",
         "Skate Night Regular", "Resilience;Self-management", "16-25", "free", "ongoing",
         "A chilled Thursday session at the Central Park skatepark with friendly coaches. "
         "Boards, helmets and pads to borrow."),
    Item("dyh", "devonport", "Street Dance Crew", "dance;street dance;breaking",
         "Devonport Dance Crew", "Creativity;Teamwork", "16-21", "free", "ongoing",
         "Learn hip hop, breaking and commercial routines, then perform at local events and "
         "battles with the crew."),
    Item("dyh", "devonport", "Gaming Nights", "gaming;esports;video games",
         "Devonport Gamer", "Teamwork;Communication", "16-21", "free", "ongoing",
         "FIFA, Smash Bros and Fortnite tournaments on big screens, with snacks and a youth "
         "worker to chat to. Bring a mate."),
    Item("dyh", "devonport", "Young Leaders Award", "leadership;youth leadership",
         "Devonport Young Leader", "Leadership;Planning;Teamwork;Communication", "16-21",
         "free", "weekly:8/eve",
         "Learn to plan and lead activities, look after a group and speak up with confidence, "
         "then put it into practice at our junior club."),
    Item("dyh", "the-hoe", "Walk & Talk", "wellbeing;mental health;walking",
         "Walk & Talk Regular", "Self-management;Communication", "16-25", "free", "ongoing",
         "A gentle walk round the Hoe with a youth worker and others your age. Talking about "
         "how you feel is easier side by side; no pressure to share."),
    Item("ocr", "the-hoe", "Tuesday Run Club", "sport;running",
         "Ocean City Runner", "Self-management;Teamwork", "16+", "free", "ongoing",
         "Friendly 5 km and 8 km loops around the Hoe and the Barbican, with pace groups so "
         "nobody runs alone."),
    Item("ocs", "stonehouse", "Web Design for Beginners", "tech;web design;html",
         "Web Builder: Starter", "Digital skills;Creativity;Problem solving", "16-25", "free",
         "weekly:8/eve",
         "Build and publish your own website with HTML and CSS: a portfolio, a band page or "
         "a shop front for your side hustle."),
    Item("ocs", "stonehouse", "Hair & Beauty Taster Day", "beauty;hair and beauty;hairdressing",
         "Salon Starter", "Customer service;Creativity;Communication", "16-19", "free",
         "day/sat",
         "A day in our training salon trying blow-drys, braids, nails and make-up, plus "
         "everything you need to know about courses and apprenticeships."),
    Item("ocs", "stonehouse", "Early Years Taster", "childcare;early years;nursery",
         "Early Years Taster", "Communication;Creativity", "16-19", "free", "day/day",
         "Find out what working in a nursery is really like: play, safeguarding and child "
         "development, with a visit to a local setting."),
    Item("ocs", "stonehouse", "Electrician Taster Course",
         "trades;electrician;electrical installation", "Spark Starter",
         "Problem solving;Numeracy;Self-management", "16-25", "free", "weekly:4/eve",
         "Fancy being a sparky? Wire sockets, lights and switches in our workshop and find "
         "out how electrical apprenticeships work."),
    Item("ocs", "stonehouse", "Plumbing Taster", "trades;plumbing;heating",
         "Plumbing Starter", "Problem solving;Numeracy", "16-25", "free", "day/sat",
         "Cut, bend and join copper pipe, fit a tap and learn how a boiler works. Plumbers "
         "are in demand and apprentices earn while they learn."),
    Item("ocs", "stonehouse", "Bricklaying Taster", "trades;bricklaying;construction",
         "Brick by Brick", "Problem solving;Numeracy;Resilience", "16-25", "free",
         "weekly:3/eve",
         "Mix mortar, lay bricks to a line and build a small wall. Find out about bricky "
         "apprenticeships with local builders."),
    Item("phc", "derriford", "Nursing & Midwifery Taster Day", "health;nursing;midwifery",
         "Peninsula Care Taster", "Communication;Teamwork", "16-19", "free", "day/day",
         "Spend a day at the hospital with nurses and midwives: practise basic care skills "
         "on manikins and hear how they got into the job."),
    Item("phc", "derriford", "Healthcare Support Worker Pre-Employment Course",
         "health;healthcare;care work", "Peninsula Care Ready",
         "Communication;Teamwork;Resilience;Self-management", "18-25", "free", "weekly:4/day",
         "Four weeks of training to work as a healthcare support worker, with a guaranteed "
         "interview for hospital jobs at the end. No qualifications needed."),
    Item("tme", "devonport", "Marine Engineering Apprenticeships Open Day",
         "careers;apprenticeships;engineering", "Dockyard Discovery",
         "Communication;Problem solving", "16-24", "free", "day/sat@1-3",
         "Tour our workshops, try hands-on engineering challenges and meet current "
         "apprentices. Find out how to apply for our paid apprenticeships."),
    Item("ocl", "armada-way", "Job Club & CV Help", "careers;cv writing;job club",
         "Ocean City Job Seeker", "Literacy;Digital skills;Self-management", "16-25", "free",
         "ongoing",
         "Drop in for help with your CV, job searches and applications. Computers, printing "
         "and a friendly advisor every Tuesday and Friday."),
    Item("ocl", "pl-civic-pc", "Interview Confidence Workshop", "careers;job interviews",
         "Interview Confident", "Communication;Resilience", "16-25", "free", "once/eve",
         "Nervous about interviews? Learn how to answer the classic questions, calm your "
         "nerves and ask good questions back."),
    Item("ocl", "armada-way", "Money Matters: Your First Flat", "money;budgeting;renting",
         "Money Smart", "Numeracy;Planning;Self-management", "16-25", "free", "weekly:3/eve",
         "Bills, rent, deposits, council tax and making your money last the month. Leave "
         "with a budget that actually works for you."),
    Item("ocl", "armada-way", "Driving Theory Test Prep", "driving;driving theory",
         "Theory Test Ready", "Self-management;Problem solving", "17-25", "free",
         "ongoing",
         "Revise the Highway Code, practise mock theory tests and learn hazard perception "
         "tips before you book your test."),
    Item("pyv", "armada-way", "Plymouth Young Voices", "politics;youth council;democracy",
         "Young Voices Rep", "Leadership;Communication;Planning", "16-19", "free", "ongoing",
         "Represent young people in the city: meet councillors, run surveys and campaign on "
         "the things that matter to you, from transport to mental health."),
    Item("rtp", "barbican", "Rainbow Tide Youth Group", "lgbtq+;youth group",
         "Rainbow Tide Member", "Communication;Resilience", "16-25", "free", "ongoing",
         "A weekly social for LGBTQ+ and questioning young people: film nights, crafts, "
         "trips and a safe place to just be yourself."),
    Item("bbt", "mutley", "Beat Making Basics", "music;music production;making beats",
         "Barbican Beats Producer", "Creativity;Digital skills", "16-25", "free",
         "weekly:6/eve",
         "Make grime, drill, lo-fi or house beats in FL Studio. Learn drums, basslines and "
         "sampling, and leave with a finished track."),
    Item("bbt", "mutley", "DJ & MC Workshop", "music;djing;mcing",
         "Barbican Beats DJ", "Creativity;Communication", "16-25", "£5", "weekly:4/eve",
         "Learn to mix on CDJs, build a set and MC over it. Ends with a live set at our "
         "youth night."),
    Item("bds", "barbican", "Game Jam Weekend", "tech;game design;video games",
         "Game Jam Finisher", "Creativity;Teamwork;Digital skills;Problem solving", "16-25",
         "£5", "days:2/wkend",
         "Make a playable game in 48 hours in a team of artists, coders and sound designers. "
         "First-timers very welcome and mentors on hand."),
    Item("bds", "barbican", "Plymouth Game Jam 2025", "tech;game design;video games",
         "Game Jam 2025", "Creativity;Teamwork;Digital skills", "16-25", "free",
         "past2025:days:2/wkend@10-11",
         "Last year's 48-hour jam: themed challenge, pizza and a showcase of every game "
         "made."),
    Item("bds", "barbican", "Photography: Beyond Auto", "art;photography",
         "Barbican Photographer", "Creativity;Digital skills", "16-25", "£20", "weekly:5/eve",
         "Get off auto mode: aperture, shutter speed and light, with photo walks along the "
         "waterfront. Cameras available to borrow."),
    Item("bds", "barbican", "Documentary Film-Making", "media;film-making;documentary",
         "Barbican Documentary Maker", "Creativity;Digital skills;Communication", "16-25",
         "£10", "weekly:10/eve",
         "Make a short documentary about something that matters to you in Plymouth, from "
         "filming interviews to the final edit."),
    Item("bds", "barbican", "Podcast Studio", "media;podcasting;audio",
         "Barbican Podcaster", "Communication;Digital skills;Creativity", "16-25", "free",
         "weekly:6/eve",
         "Plan, record and edit your own podcast series in a proper studio, then get tips "
         "on publishing and growing an audience."),
    Item("mas", "mutley", "Community Gospel Choir", "music;singing;choir",
         "Mutley Gospel Singer", "Communication;Teamwork;Creativity", "16+", "free",
         "ongoing",
         "Big voices, big harmonies and a lot of joy. No auditions and no experience needed; "
         "we learn everything by ear."),
    Item("mas", "mutley", "Guitar for Beginners", "music;guitar",
         "Mutley Guitarist", "Creativity;Self-management", "16-25", "£5", "ongoing",
         "Learn chords, strumming and your first five songs. Guitars provided if you don't "
         "have one yet."),
    Item("mas", "mutley", "Mutley Youth Theatre", "drama;theatre;acting",
         "Mutley Youth Theatre Performer", "Communication;Teamwork;Creativity", "16-25",
         "£2", "ongoing",
         "Games, improvisation and scripts every Thursday, building up to a show at the end "
         "of each term. Shy people very welcome."),
    Item("mas", "mutley", "Upcycle Your Wardrobe", "fashion;sewing;upcycling",
         "Mutley Upcycler", "Creativity;Problem solving", "16-25", "£5", "weekly:4/eve",
         "Learn to use a sewing machine and turn charity shop finds into clothes you'd "
         "actually wear."),
    Item("yka", "royal-william-yard", "Chef Academy: Kitchen Basics",
         "food;cooking;chef", "Yard Kitchen Commis",
         "Teamwork;Self-management;Planning", "16-24", "free", "weekly:8/day",
         "Knife skills, hygiene, stocks and sauces in a professional kitchen, finishing "
         "with a week's work experience in a waterfront restaurant."),
    Item("ccd", "barbican", "Marine Conservation Volunteers",
         "environment;marine conservation;volunteering", "Coastal Guardian",
         "Teamwork;Self-management", "16-25", "free", "ongoing",
         "Rock pool surveys, seagrass monitoring and shoreline cleans around Plymouth Sound. "
         "Ideal if you're into marine biology."),
    Item("ccd", "barbican", "Aquarist for a Day", "animals;zoo;marine biology",
         "Junior Aquarist", "Problem solving;Communication", "16-25", "£30", "day/sat",
         "Go behind the scenes with our aquarists: feeding, water testing and caring for "
         "sharks, rays and seahorses. A taste of zoo and aquarium work."),
    Item("eas", "efford", "Animal Sanctuary Volunteers", "animals;animal care;volunteering",
         "Efford Animal Carer", "Self-management;Teamwork;Resilience", "16-25", "free",
         "ongoing",
         "Help care for rescued dogs, cats, rabbits and goats: feeding, cleaning, walking and "
         "socialising. Good experience for animal care or vet nursing courses."),
    Item("oce", "millbay", "Young Entrepreneurs Programme", "enterprise;start a business",
         "Ocean City Founder", "Enterprise;Planning;Numeracy;Communication", "18-25", "free",
         "weekly:8/eve",
         "Turn an idea into a business: customers, pricing, branding and the legal bits. "
         "Pitch for a start-up grant at the end."),
    Item("dya", "yelverton", "Dartmoor Day Hikes", "outdoors;hiking;dartmoor",
         "Dartmoor Walker", "Resilience;Planning;Self-management", "16-25", "£5", "ongoing",
         "Guided hikes between the tors with a minibus from Plymouth city centre. Learn to "
         "read a map as you go; boots can be borrowed."),
    Item("dya", "yelverton", "DofE Silver Expedition", "outdoors;duke of edinburgh;expeditions",
         "Dartmoor Expedition Crew", "Teamwork;Planning;Resilience;Leadership", "16-24",
         "£60", "days:3/day@5-7",
         "Three days and two nights on Dartmoor for your Duke of Edinburgh's Silver "
         "expedition, with training walks beforehand."),
    Item("dya", "yelverton", "Wild Camping Weekend", "outdoors;camping;wild camping",
         "Dartmoor Wild Camper", "Resilience;Planning;Problem solving", "16-25", "£20",
         "days:2/wkend@5-9",
         "Hike in, pitch up and cook under the stars on one of the few places in England "
         "where wild camping is allowed. Tents and stoves provided."),
    Item("dya", "yelverton", "Dartmoor Spring Challenge 2026", "outdoors;hiking;challenge",
         "Spring Challenge 2026", "Teamwork;Resilience", "16-21", "£10", "past2026:day/sat@3-4",
         "A 25 km team navigation challenge across the moor."),
    # ---------------------------------------------------------------- Southampton
    Item("isp", "weston-shore", "Learn to Sail on Southampton Water", "watersports;sailing",
         "Solent Sailor: Stage 1", "Teamwork;Resilience", "16-25", "£75", "days:2/wkend@5-9",
         "A two-day beginners' dinghy course with views of the cruise ships. Learn to rig, "
         "steer and handle the boat, with all kit included."),
    Item("isp", "riverside-park", "Kayak & Canoe Club", "watersports;kayaking;canoeing",
         "Itchen Paddler", "Resilience;Teamwork", "16-25", "£4", "ongoing",
         "Paddle the sheltered upper River Itchen in kayaks and open canoes. Coached "
         "sessions for beginners, and river trips once you're confident."),
    Item("ppf", "the-common", "Panthers Under-23s Open Training", "sport;football",
         "Panthers Squad Player", "Teamwork;Resilience;Self-management", "16-23", "free",
         "ongoing",
         "Open training for our Sunday league under-23 men's and women's sides. Come and "
         "show us what you've got; no trials, everyone trains."),
    Item("ppf", "the-common", "Panthers Five-a-Side Drop-in", "sport;football;five-a-side",
         "Panthers Five-a-Side", "Teamwork;Communication", "16-25", "£2", "ongoing",
         "A casual kickabout on the Common every Wednesday evening. Turn up on your own or "
         "with mates and we'll sort out the teams."),
    Item("shb", "st-marys", "Basketball Skills & Scrimmage", "sport;basketball",
         "Solent Hoops Baller", "Teamwork;Communication;Self-management", "16-25", "£2",
         "ongoing",
         "An hour of coached skills, then full-court games. All levels welcome, from "
         "first-timers to college players."),
    Item("snc", "shirley", "Netball Fitness League", "sport;netball",
         "Shirley Netball Player", "Teamwork;Communication", "16-25", "£3", "weekly:10/eve",
         "Enter a team or come on your own and we'll find you one. Friendly league games "
         "with an umpire and a bit of coaching each week."),
    Item("bbr", "bassett", "Women's Rugby Taster", "sport;rugby;women's rugby",
         "Barbarians Rugby Starter", "Teamwork;Resilience", "16-25", "free", "weekly:6/sun",
         "Never played rugby? Perfect. Six Sunday sessions covering passing, rucking and "
         "safe tackling, with boots and gumshields to borrow."),
    Item("ivc", "eastleigh", "Indoor Cricket League", "sport;cricket;indoor cricket",
         "Itchen Valley Cricketer", "Teamwork;Communication", "16-25", "£4",
         "weekly:8/eve@1-3",
         "Quick-fire eight-a-side indoor cricket through the winter. Join with friends or "
         "on your own; all kit provided."),
    Item("sla", "harbour-parade", "Pool Lifeguard Qualification", "health;lifeguarding",
         "Solent Pool Lifeguard", "Resilience;Communication;Self-management", "16-25",
         "£195", "days:5/day@7-8",
         "Train over the summer holidays to become a qualified pool lifeguard, covering "
         "rescues, CPR and first aid. Part-time jobs with us afterwards."),
    Item("sla", "harbour-parade", "Swimming Improvers", "sport;swimming",
         "Solent Swimmer", "Self-management;Resilience", "16-25", "£4", "ongoing",
         "Can swim a bit but want to do it properly? Work on front crawl, breathing and "
         "stamina with a coach in a quiet lane."),
    Item("sla", "harbour-parade", "First Aid Essentials", "health;first aid",
         "First Aid Essentials", "Communication;Problem solving", "16-25", "£20", "day/sat",
         "Learn to deal with the things that actually happen on nights out, at festivals "
         "and at work: CPR, bleeding, burns, seizures and too much to drink."),
    Item("vsc", "portswood", "Bouldering Social", "sport;climbing;bouldering",
         "Vertical Solent Boulderer", "Problem solving;Resilience;Communication", "16-25",
         "£7", "ongoing",
         "A relaxed Thursday night climb with coaching for newcomers and new problems set "
         "every month. Shoe hire included."),
    Item("hsc", "hoglands", "Skate Sessions at Hoglands", "sport;skateboarding;bmx",
         "Hoglands Skater", "Resilience;Self-management", "16-25", "free", "ongoing",
         "Free coached skate and BMX sessions at the city centre skatepark. Kit to borrow, "
         "and a friendly crew who remember their first drop-in."),
    Item("bba", "bitterne", "Bitterne Boxing Club", "sport;boxing;fitness",
         "Bitterne Boxer", "Self-management;Resilience", "16-25", "£3", "ongoing",
         "Boxing skills and fitness with experienced coaches. Train for fun and fitness or "
         "work towards competing; wraps and gloves to borrow."),
    Item("ssd", "st-marys", "Commercial Street Dance", "dance;street dance;commercial dance",
         "Solent Street Dancer", "Creativity;Teamwork;Self-management", "16-25", "£5",
         "ongoing",
         "Learn the kind of routines you see in music videos and on tour. New choreography "
         "every month, filmed at the end for your socials."),
    Item("pyc", "portswood", "Portswood Youth Club", "community;youth club",
         "Portswood Youth Club Member", "Communication;Teamwork", "16-19", "free", "ongoing",
         "Hang out, play pool and FIFA, cook together and talk to youth workers about "
         "anything that's on your mind. Open Monday, Wednesday and Friday."),
    Item("pyc", "portswood", "Esports Academy", "gaming;esports;rocket league",
         "Portswood Esports Academy", "Teamwork;Communication;Problem solving", "16-21",
         "free", "weekly:10/eve",
         "Train as a team, review your games like the pros and compete in an online league. "
         "Gaming PCs provided; Rocket League and Valorant squads."),
    Item("pyc", "portswood", "Youth Work Volunteer Training",
         "volunteering;youth leadership", "Portswood Youth Volunteer",
         "Leadership;Communication;Teamwork", "16-25", "free", "weekly:6/eve",
         "Learn safeguarding, planning activities and leading groups, then volunteer at our "
         "junior club. A great first step towards youth work or teaching."),
    Item("pyc", "portswood", "Podcast Club", "media;podcasting",
         "Portswood Podcaster", "Communication;Digital skills;Creativity", "16-21", "free",
         "ongoing",
         "Pick a topic you could talk about for hours, then record, edit and publish a "
         "podcast episode with our mics and software."),
    Item("bpm", "bedford-place", "Music Production: From Idea to Release",
         "music;music production;making beats", "Bedford Place Producer",
         "Creativity;Digital skills;Self-management", "16-25", "£20", "weekly:8/eve",
         "Write, produce and mix a track, then learn how to release it on streaming "
         "platforms and pitch it to playlists."),
    Item("bpm", "bedford-place", "Rock School: Band Project", "music;band;guitar;drums",
         "Rock School Band Member", "Teamwork;Creativity;Resilience", "16-25", "£10",
         "weekly:10/eve",
         "Guitarists, drummers, bassists and singers get put into bands, write and rehearse "
         "songs with a tutor, then play a gig at a real venue."),
    Item("abt", "guildhall-sq", "Above Bar Youth Theatre", "drama;theatre;acting",
         "Above Bar Player", "Communication;Teamwork;Creativity", "16-25", "£4", "ongoing",
         "A welcoming youth theatre making new plays with professional directors. Acting, "
         "writing and devising every Tuesday night."),
    Item("abt", "guildhall-sq", "Short Film Lab", "media;film-making;screenwriting",
         "Above Bar Film Lab", "Creativity;Teamwork;Digital skills", "16-25", "£10",
         "weekly:8/eve",
         "Write a short script, then shoot and edit it with a crew of other young film-makers. "
         "Finished films are shown on the big screen."),
    Item("bsk", "st-marys", "Electrical Installation Taster", "trades;electrician",
         "Bargate Sparky Taster", "Problem solving;Numeracy", "16-25", "free",
         "weekly:4/eve",
         "Learn safe isolation, wire up a lighting circuit and test your work like a real "
         "electrician. Find out how to start an electrical apprenticeship."),
    Item("bsk", "st-marys", "Plumbing & Heating Taster", "trades;plumbing",
         "Bargate Plumbing Taster", "Problem solving;Numeracy", "16-25", "free", "day/sat",
         "Try pipework, soldering and fitting a radiator in our workshop, and talk to "
         "plumbers about how they got started."),
    Item("bsk", "st-marys", "Carpentry Evening Class", "trades;carpentry;woodwork",
         "Bargate Woodworker", "Problem solving;Creativity;Numeracy", "16-25", "£30",
         "weekly:8/eve",
         "Learn to use hand and power tools safely and build a bookshelf or bench to take "
         "home. A good taster if you're thinking about joinery."),
    Item("bsk", "st-marys", "Motor Vehicle Taster", "trades;car mechanics;motor vehicle",
         "Bargate Motor Mechanic Taster", "Problem solving;Self-management", "16-19", "free",
         "weekly:3/aft",
         "Change a wheel, check the oil and brakes and find faults with diagnostic kit in our "
         "garage workshop. Car mechanic apprenticeships explained."),
    Item("bsk", "st-marys", "CSCS Card & Site Safety", "construction;cscs card;building site",
         "Site Ready", "Self-management;Numeracy;Communication", "18-25", "free",
         "weekly:2/day",
         "Get the health and safety training and CSCS card you need to work on a building "
         "site, then meet local contractors who are hiring labourers."),
    Item("bsk", "st-marys", "Make-up Artistry Short Course", "beauty;makeup;hair and beauty",
         "Bargate Make-up Artist", "Creativity;Customer service", "16-25", "£45",
         "weekly:6/eve",
         "Day looks, evening glam and special effects, plus hygiene and working with "
         "clients. Build a mini portfolio of your looks."),
    Item("ska", "ocean-village", "Kitchen Skills: Starter", "food;cooking;chef",
         "Solent Kitchen: Commis", "Teamwork;Self-management", "16-24", "free",
         "weekly:4/day",
         "Start your chef journey: knife skills, food safety and cooking simple dishes in a "
         "professional kitchen. Whites and knives provided."),
    Item("ska", "ocean-village", "Kitchen Skills: Main Course", "food;chef;hospitality",
         "Solent Kitchen: Chef de Partie", "Teamwork;Planning;Self-management;Problem solving",
         "16-24", "free", "weekly:6/day>",
         "The next step after Kitchen Skills: Starter. Run your own section, cook to order "
         "and learn sauces, fish and pastry."),
    Item("ska", "ocean-village", "Kitchen Skills: Service Ready",
         "food;chef;hospitality", "Solent Kitchen: Service Ready",
         "Teamwork;Customer service;Resilience;Leadership", "16-24", "free", "weekly:4/day>",
         "The final level: run a real lunch service for paying customers, then interview "
         "for kitchen jobs with our partner restaurants."),
    Item("ska", "ocean-village", "Street Food Pop-Up 2026", "food;street food;enterprise",
         "Pop-Up Cook 2026", "Enterprise;Teamwork", "16-25", "free", "past2026:days:2/wkend@6-7",
         "Design a dish, cost it and sell it from our stall at the summer food festival."),
    Item("syf", "so-civic-pc", "Southampton Youth Forum", "politics;youth council",
         "Youth Forum Member", "Leadership;Communication;Planning", "16-25", "free",
         "ongoing",
         "Tell the council what young people really think. Monthly meetings, campaigns on "
         "transport and jobs, and training in public speaking."),
    Item("hly", "st-marys", "Harbour Lights LGBTQ+ Youth Group", "lgbtq+;youth group",
         "Harbour Lights Member", "Communication;Resilience", "16-25", "free", "ongoing",
         "A friendly weekly group for LGBTQ+ and questioning young people. Games, art, "
         "trips, and support if you need it."),
    Item("cgw", "the-common", "Wellbeing Walks on the Common",
         "wellbeing;mental health;walking", "Common Ground Walker",
         "Self-management;Resilience", "16-25", "free", "ongoing",
         "A slow Saturday walk through the woods and lakes of the Common with a wellbeing "
         "worker. Good for clearing your head and meeting people."),
    Item("oef", "woolston", "Underwater Robotics Challenge", "tech;robotics;engineering",
         "Solent ROV Builder", "Problem solving;Teamwork;Digital skills;Planning", "16-21",
         "free", "weekly:10/eve",
         "Design, build and program a small underwater robot, then race it against other "
         "teams in the pool. No engineering experience needed."),
    Item("oef", "woolston", "Engineering Apprenticeship Insight Day",
         "careers;apprenticeships;engineering", "Ocean Engineering Insight",
         "Communication;Problem solving", "16-24", "free", "day/day",
         "Meet marine and mechanical engineering apprentices, tour the workshop and find out "
         "how to apply. Lunch provided."),
    Item("oef", "woolston", "CAD & 3D Printing Club", "making;3d printing;cad",
         "Solent CAD Maker", "Digital skills;Creativity;Problem solving", "16-25", "free",
         "ongoing",
         "Learn computer-aided design and print your own parts, gadgets and models. A great "
         "taste of product design and engineering."),
    Item("shc", "shirley", "Healthcare Careers Evening", "health;nursing;paramedic",
         "Solent Health Taster", "Communication;Teamwork", "16-19", "free", "once/eve",
         "Meet nurses, paramedics, radiographers and healthcare assistants, try some hands-on "
         "skills and find out about routes in, with or without a degree."),
    Item("scl", "shirley", "GCSE Maths Catch-Up", "maths;maths tutoring;gcse maths",
         "Maths Catch-Up", "Numeracy;Problem solving;Self-management", "16-18", "free",
         "ongoing",
         "Small-group tutoring if you're resitting GCSE maths or just want to feel less "
         "stuck. Patient volunteer tutors, no judgement."),
    Item("scl", "shirley", "English for Work (ESOL)", "english;esol",
         "English for Work", "Communication;Literacy", "16-25", "free", "weekly:10/day",
         "Improve your spoken and written English for job applications, interviews and the "
         "workplace. For speakers of other languages, all levels."),
    Item("scl", "shirley", "Driving Theory Club", "driving;driving theory",
         "Shirley Theory Ready", "Self-management;Problem solving", "17-25", "free",
         "ongoing",
         "Practise theory questions and hazard perception clips together, with tips from a "
         "driving instructor. Computers available."),
    Item("sjh", "bargate", "Southampton Job Hub", "careers;job club;cv writing",
         "Job Hub Member", "Self-management;Digital skills;Literacy", "16-24", "free",
         "ongoing",
         "One-to-one help with your CV, job applications and benefits, plus regular visits "
         "from employers who are hiring right now."),
    Item("hrg", "bargate", "Retail Skills Academy", "retail;customer service",
         "Retail Ready", "Customer service;Communication;Numeracy", "16-25", "free",
         "weekly:3/day@9-10",
         "Three weeks of training on the shop floor: tills, stock and helping customers, "
         "with a guaranteed interview for Christmas jobs in the city centre."),
    Item("sar", "eastleigh", "Kennel Assistant Volunteers", "animals;animal care;dogs",
         "Solent Kennel Helper", "Self-management;Teamwork", "16-25", "free", "ongoing",
         "Walk, feed and socialise rescue dogs waiting for new homes. Full training given, "
         "and great experience if you want to work with animals."),
    Item("sar", "eastleigh", "Vet Practice Work Experience", "animals;vet;work experience",
         "Vet Practice Taster", "Communication;Self-management", "16-19", "free",
         "days:5/day@7-8",
         "A week shadowing vets and vet nurses at our rescue centre clinic. Perfect for your "
         "application if you're thinking about veterinary or vet nursing."),
    Item("cbh", "the-common", "Bike Maintenance Basics", "cycling;bike maintenance",
         "Bike Fixer", "Problem solving;Self-management", "16-25", "free", "weekly:3/eve",
         "Fix a puncture, adjust your gears and brakes and keep your bike running sweetly. "
         "Bring your own bike or use one of ours."),
    Item("nfe", "the-common", "DofE Expeditions in the New Forest",
         "outdoors;duke of edinburgh;camping", "New Forest Expedition Crew",
         "Teamwork;Planning;Resilience", "16-24", "£50", "weekly:10/eve",
         "Train for your Bronze or Silver Duke of Edinburgh's expedition, then hike and camp "
         "in the New Forest. Kit to borrow if you need it."),
    # ---------------------------------------------------------------- Cambridge
    Item("spr", "science-park", "Robotics Starter", "tech;robotics;programming",
         "Science Park Robotics: Level 1", "Problem solving;Digital skills;Teamwork", "16-19",
         "free", "weekly:8/eve",
         "Build and program your first robot with engineers from local tech companies. "
         "Sensors, motors and a lot of trial and error; no experience needed."),
    Item("spr", "science-park", "Robotics Level 2: Competition Team", "tech;robotics;engineering",
         "Science Park Robotics: Level 2", "Problem solving;Teamwork;Planning;Digital skills",
         "16-19", "free", "weekly:20/sat>",
         "For Robotics Starter graduates: design, build and drive a competition robot as part "
         "of a team, and take it to a national robotics challenge."),
    Item("cys", "chesterton", "Saturday Science Lab", "science;science club;experiments",
         "Cambridge Young Scientist", "Problem solving;Teamwork;Numeracy", "16-19", "free",
         "ongoing",
         "Hands-on experiments with researchers: extract DNA, build circuits, grow crystals "
         "and ask all the questions you want. Great if you're thinking about a science degree."),
    Item("cys", "chesterton", "A-Level Maths & Physics Drop-in",
         "maths;maths tutoring;physics", "Maths Drop-in Regular", "Numeracy;Problem solving",
         "16-19", "free", "ongoing",
         "Stuck on calculus, mechanics or circuits? PhD students help you work through your "
         "homework and exam questions, one to one or in small groups."),
    Item("cys", "chesterton", "Science Festival Volunteers 2026", "science;volunteering;events",
         "Science Festival Crew 2026", "Communication;Teamwork", "16-25", "free",
         "past2026:days:3/day@3",
         "Helped run hands-on stands for families at the spring science festival."),
    Item("pcc", "parkers-piece", "Summer Cricket on Parker's Piece", "sport;cricket",
         "Parker's Piece Cricketer", "Teamwork;Communication", "16-25", "£2",
         "weekly:12/eve@5-6",
         "Friendly evening cricket on the green where the rules of football were first "
         "played. Nets, then a short game; kit provided."),
    Item("cpd", "jesus-green", "Kayaking on the Cam", "watersports;kayaking;canoeing",
         "Cam Paddler", "Resilience;Teamwork", "16-25", "£8", "weekly:4/sat@4-9",
         "Learn to paddle straight (harder than it looks) and dodge the punts on the River "
         "Cam. Boats, buoyancy aids and a coach provided."),
    Item("khc", "kings-hedges", "Indoor Climbing: Learn the Ropes", "sport;climbing;top rope",
         "Climbing Barn: Belay Ready", "Resilience;Communication;Self-management", "16-25",
         "£30", "weekly:3/eve",
         "Three sessions covering knots, belaying and climbing technique, so you can climb "
         "independently with a friend afterwards."),
    Item("cyd", "cb-guildhall-pc", "Youth Debating League", "debating;public speaking",
         "Cambridge Young Debater", "Communication;Problem solving;Literacy", "16-19", "free",
         "ongoing",
         "Learn to build an argument, think on your feet and speak with confidence, then "
         "debate against teams from across the region."),
    Item("ayc", "arbury", "Arbury Basketball Nights", "sport;basketball",
         "Arbury Baller", "Teamwork;Communication", "16-21", "free", "ongoing",
         "Indoor court, music on and coaches running drills, then open games. Trainers "
         "needed; everything else provided."),
    Item("ayc", "arbury", "Duke of Edinburgh at Arbury", "outdoors;duke of edinburgh;volunteering",
         "Arbury DofE Participant", "Teamwork;Planning;Resilience", "16-24", "£30",
         "weekly:12/eve",
         "Complete your Bronze or Silver DofE with our youth workers: we help with "
         "volunteering placements, skills and the expedition. Bursaries available."),
    Item("ayc", "arbury", "First Aid for Young People", "health;first aid",
         "Arbury First Aider", "Communication;Problem solving", "16-25", "free", "once/sat",
         "Learn CPR, how to help someone who's choking, bleeding or having a seizure, and "
         "when to call 999. Certificate included."),
    Item("chp", "cherry-hinton", "Pottery: Hand-Building & Wheel", "art;pottery;ceramics",
         "Cherry Hinton Potter", "Creativity;Self-management", "16-25", "£60", "weekly:6/eve",
         "Six weeks of pinch pots, coil building and throwing on the wheel. Clay, glazes and "
         "firing included; take home a set of mugs."),
    Item("tcc", "trumpington", "Bikeability for Young Adults",
         "cycling;cycling proficiency;bikeability", "Cambridge Cycle Confident",
         "Self-management;Problem solving", "16-25", "free", "once/sat",
         "Never learned to ride on the road? Get the confidence to cycle around Cambridge "
         "safely, from busy junctions to the guided busway."),
    Item("mrc", "mill-road", "Barista Training", "hospitality;barista;coffee",
         "Mill Road Barista", "Customer service;Communication", "16-25", "£20", "weekly:2/eve",
         "Two evenings behind the bar of a busy independent cafe: grind, dose, extract and "
         "steam milk, plus tips for landing cafe jobs."),
    Item("ctk", "chesterton", "Taekwondo Beginners", "sport;martial arts;taekwondo",
         "Chesterton Taekwondo: White Belt", "Self-management;Resilience", "16-25", "£5",
         "weekly:10/eve",
         "Kicks, patterns and self-defence for complete beginners. Grade to yellow tag at the "
         "end of the course if you want to."),
    Item("eds", "eddington", "Adult Ballet for Beginners", "dance;ballet",
         "Eddington Ballet Beginner", "Self-management;Resilience;Creativity", "16-25", "£7",
         "ongoing",
         "Grown-up ballet for total beginners and returners: barre work, posture and simple "
         "sequences, with lovely music and zero pressure."),
    Item("cww", "mill-road", "Young Writers' Workshop", "writing;creative writing;short stories",
         "Cam Young Writer", "Creativity;Literacy", "16-25", "free", "weekly:6/eve",
         "Write short stories with a published author, swap feedback and submit your best "
         "piece to our anthology."),
    Item("ccw", "coldhams", "Wildlife & Conservation Volunteers",
         "environment;conservation;wildlife", "Common Wildlife Volunteer",
         "Teamwork;Self-management", "16+", "free", "ongoing",
         "Survey birds and bugs, cut back scrub and build habitat piles on Cambridge's "
         "commons. Tools, gloves and cake provided."),
    Item("hrs", "histon", "Riding Lessons for Beginners", "animals;horse riding",
         "Histon Rider", "Resilience;Self-management", "16-25", "£40", "weekly:4/sat",
         "Small-group lessons on calm, experienced ponies, covering grooming, tacking up and "
         "riding. Hats provided."),
    Item("cca", "mill-road", "Chess Club", "games;chess",
         "Cam Chess Player", "Problem solving;Self-management", "", "free", "ongoing",
         "Weekly chess for all abilities, with a beginners' corner, puzzles and a friendly "
         "monthly tournament."),
    Item("bcc", "biomedical", "Healthcare Science & Nursing Taster Day",
         "health;nursing;healthcare science", "Campus Health Taster",
         "Communication;Teamwork;Problem solving", "16-19", "free", "day/day",
         "Try lab and ward skills with nurses, biomedical scientists and physios, and find "
         "out about NHS apprenticeships as well as degrees."),
    Item("cmy", "jesus-green", "Mindfulness for Exam Stress", "wellbeing;mindfulness;exam stress",
         "Mindful Student", "Self-management;Resilience", "16-19", "free", "weekly:6/aft@3-5",
         "Simple breathing and focus techniques to help with revision, sleep and nerves on "
         "the day. Sessions outdoors when the weather is kind."),
    Item("prn", "parkers-piece", "Parkside Run Club", "sport;running",
         "Parkside Runner", "Self-management", "16+", "free", "ongoing",
         "A sociable 5 km loop around the parks and along the river every Thursday, with "
         "walk-run groups for beginners."),
    Item("mrm", "mill-road", "Makerspace Open Night", "making;makerspace;3d printing",
         "Mill Road Maker", "Creativity;Problem solving;Digital skills", "16+", "£3", "ongoing",
         "3D printers, a laser cutter, electronics benches and a woodshop, with members to "
         "show you how it all works. Bring a project or find one."),
    Item("jgc", "jesus-green", "Community Choir", "music;singing;choir",
         "Jesus Green Singer", "Communication;Teamwork", "16+", "free", "ongoing",
         "A warm, unauditioned choir singing everything from folk to pop. Learn harmonies by "
         "ear and perform at local festivals."),
    # ---------------------------------------------------------------- Peterborough
    Item("mcl", "millfield", "ESOL Entry 1", "english;esol;english language",
         "Everyday English: Entry 1", "Communication;Literacy", "16-25", "free",
         "weekly:12/day",
         "For beginners in English: introducing yourself, numbers, shopping and making "
         "appointments. Free childcare available for parents."),
    Item("mcl", "millfield", "ESOL Entry 2", "english;esol;english language",
         "Everyday English: Entry 2", "Communication;Literacy", "16-25", "free",
         "weekly:12/day>",
         "The next step after Entry 1: longer conversations, reading letters and forms, and "
         "writing short messages and emails."),
    Item("mcl", "millfield", "ESOL Entry 3", "english;esol;english language",
         "Everyday English: Entry 3", "Communication;Literacy;Self-management", "16-25",
         "free", "weekly:12/day>",
         "Build confident English for work and college: phone calls, job applications and "
         "understanding the news. Leads on to Level 1 courses."),
    Item("oaf", "orton", "Five-a-Side League", "sport;football;five-a-side",
         "Orton Five-a-Side", "Teamwork;Communication", "16-25", "£3", "ongoing",
         "Enter a team or get matched with one in our Thursday night league. Referees, "
         "floodlights and a trophy at the end of every season."),
    Item("oaf", "orton", "Women's Football Sessions", "sport;football;women's football",
         "Orton Athletic Women's Player", "Teamwork;Resilience", "16-21", "free", "ongoing",
         "Fun, coached football for young women of all abilities, with the option to play "
         "in our new league team."),
    Item("ccn", "embankment", "Netball Open Sessions", "sport;netball",
         "Cathedral City Netballer", "Teamwork;Communication", "16-25", "£3", "ongoing",
         "Drills and games on the Embankment courts every Tuesday. Whether you last played "
         "at school or never, you'll fit right in."),
    Item("esc", "embankment", "Swimming Lessons for 16-25s", "sport;swimming;learn to swim",
         "Embankment Swimmer", "Resilience;Self-management", "16-25", "£5", "ongoing",
         "Learn to swim or finally get your front crawl sorted, in a small class with other "
         "young adults. Calm, patient teachers."),
    Item("brb", "bretton", "Bretton Boxing Club", "sport;boxing",
         "Bretton Boxer", "Self-management;Resilience;Teamwork", "16-25", "£2", "ongoing",
         "Skipping, bag work, pads and conditioning in a proper boxing gym. Beginners "
         "welcome; sparring only when you're ready."),
    Item("dyc", "dogsthorpe", "Esports & Gaming Club", "gaming;esports",
         "Dogsthorpe Gamer", "Teamwork;Communication", "16-19", "free", "ongoing",
         "Play competitive games on our gaming PCs and consoles, join team tournaments and "
         "learn about streaming and game careers."),
    Item("dyc", "dogsthorpe", "Friday Youth Club", "community;youth club",
         "Dogsthorpe Youth Club Member", "Communication;Teamwork", "16-19", "free", "ongoing",
         "Music, pool, table tennis, food and good company every Friday night, plus youth "
         "workers if you need someone to talk to."),
    Item("wmk", "werrington", "Lego & Robotics Makerspace", "making;lego;robotics",
         "Werrington Maker", "Creativity;Problem solving;Teamwork", "16-19", "free", "ongoing",
         "Build with Lego Technic and Spike kits, code robots and take on monthly build "
         "challenges. Big kids very welcome."),
    Item("wmk", "werrington", "Easter Robot Challenge 2026", "tech;robotics;competition",
         "Robot Challenge 2026", "Problem solving;Teamwork", "16-19", "free",
         "past2026:day/sat@4",
         "A one-day robot build and race challenge over the Easter holidays."),
    Item("fmo", "ferry-meadows", "Sailing & Kayaking at Ferry Meadows",
         "watersports;sailing;kayaking", "Nene Park Water Explorer", "Resilience;Teamwork",
         "16-25", "£25", "weekly:4/sat@5-9",
         "Four Saturday mornings on the lakes trying dinghy sailing, kayaking and "
         "paddleboarding. All kit provided; you must be able to swim."),
    Item("ffh", "fletton", "Gym & Fitness for Beginners", "fitness;gym",
         "Fletton Fit", "Self-management;Planning", "16-25", "£10", "ongoing",
         "Never been to a gym? Learn how the machines and free weights work, and build a "
         "routine with a personal trainer in a small group."),
    Item("cha", "cathedral-sq", "Barbering Taster", "beauty;barbering;hair and beauty",
         "City Barber Starter", "Creativity;Customer service", "16-25", "free",
         "weekly:4/eve",
         "Learn clipper work, fades and beard trims on practice heads, then on real "
         "clients. Find out about barbering apprenticeships."),
    Item("cqs", "cathedral-sq", "Sewing & Fashion Design", "fashion;sewing;fashion design",
         "Cathedral Quarter Designer", "Creativity;Problem solving;Planning", "16-25", "£25",
         "weekly:8/eve",
         "Design and make your own piece of clothing, from pattern to final stitch. Sewing "
         "machines and fabric provided."),
    Item("nca", "hampton", "Bricklaying Taster", "trades;bricklaying;construction",
         "Nene Construction: Bricklaying Taster", "Problem solving;Numeracy;Resilience",
         "16-25", "free", "day/sat",
         "Spend a Saturday learning to be a bricky: mixing mortar, laying to a line and "
         "building a corner. Apprenticeship advice on the day."),
    Item("nca", "hampton", "Electrician Taster Day", "trades;electrician;electrical installation",
         "Nene Construction: Electrical Taster", "Problem solving;Numeracy", "16-25", "free",
         "day/sat",
         "Wire a plug, a socket and a light switch and find out what a career as a sparky "
         "really involves, from apprenticeship to qualified electrician."),
    Item("nca", "hampton", "Car Mechanics for Beginners", "trades;car mechanics",
         "Nene Garage Starter", "Problem solving;Self-management", "16-25", "£20",
         "weekly:6/eve",
         "Learn how engines, brakes and suspension work, do basic servicing and find faults "
         "in a real garage workshop."),
    Item("nca", "hampton", "Construction Skills Bootcamp",
         "construction;cscs card;apprenticeships",
         "Nene Site Ready", "Self-management;Teamwork;Numeracy", "18-25", "free",
         "weekly:4/day",
         "Four weeks of site skills, health and safety and your CSCS card, with guaranteed "
         "interviews for construction jobs and apprenticeships."),
    Item("lsn", "orton", "Nursery Assistant Traineeship", "childcare;early years;traineeship",
         "Little Steps Trainee", "Communication;Creativity;Teamwork", "16-24", "free",
         "weekly:8/day",
         "Work alongside our nursery staff, learn about child development and safeguarding, "
         "and move on to an early years apprenticeship."),
    Item("csr", "cathedral-sq", "Retail & Customer Service Course", "retail;customer service",
         "Cathedral Square Retail Ready", "Customer service;Communication", "16-25", "free",
         "weekly:2/day",
         "Learn what shops look for: helping customers, handling complaints and using a till, "
         "with interviews for part-time retail jobs at the end."),
    Item("cjc", "pe-text", "Peterborough Job Club", "careers;job club;cv writing",
         "City Jobs Club Member", "Self-management;Digital skills;Literacy", "16-25", "free",
         "ongoing",
         "Help with CVs, cover letters and online applications, plus a weekly list of local "
         "vacancies. Drop in, no appointment needed."),
    Item("nva", "ferry-meadows", "Animal Care Volunteers", "animals;animal care;volunteering",
         "Nene Valley Animal Carer", "Self-management;Teamwork", "16-25", "free", "ongoing",
         "Help care for our goats, pigs, rabbits and birds of prey at weekends. Training "
         "given; perfect if you're thinking about an animal care course."),
    Item("nva", "ferry-meadows", "Zoo Keeper Experience Day", "animals;zoo;zookeeping",
         "Junior Keeper", "Communication;Self-management;Teamwork", "16-25", "£45", "day/sat",
         "Spend a day with our keepers preparing feeds, cleaning enclosures and caring for "
         "meerkats, reptiles and farm animals."),
    Item("pbg", "cathedral-sq", "Board Game Social", "games;board games;tabletop",
         "Cathedral Board Gamer", "Communication;Problem solving", "16+", "free", "ongoing",
         "Hundreds of games and friendly staff to teach them. Come alone and we'll find you "
         "a table; Wednesday nights are free for under-26s."),
    # ---------------------------------------------------------------- Manchester and Salford
    Item("nqb", "northern-quarter", "Beats 101", "music;music production;making beats",
         "Beat Maker: Bronze", "Creativity;Digital skills", "16-25", "free", "weekly:6/eve",
         "Start making beats from scratch: drums, 808s, melodies and sampling in FL Studio "
         "and Ableton. Laptops and headphones provided."),
    Item("nqb", "northern-quarter", "Beats Level 2: Arrange & Mix",
         "music;music production;mixing", "Beat Maker: Silver",
         "Creativity;Digital skills;Self-management", "16-25", "free", "weekly:8/eve>",
         "Done Beats 101? Turn loops into full songs: structure, arrangement, mixing and "
         "getting your tracks to sound loud and clean."),
    Item("nqb", "northern-quarter", "Beats Level 3: Release a Track",
         "music;music production;music industry", "Beat Maker: Gold",
         "Creativity;Digital skills;Enterprise;Planning", "16-25", "free", "weekly:8/eve>",
         "Finish, master and release a track: artwork, distribution, royalties and building "
         "a fanbase, with a launch night at the end."),
    Item("nqb", "northern-quarter", "DJ Academy", "music;djing",
         "Northern Quarter DJ", "Creativity;Self-management;Communication", "16-25", "£10",
         "weekly:6/eve",
         "Six weeks on CDJs and controllers covering mixing, phrasing and building a set. "
         "Play a warm-up slot at a real club night at the end."),
    Item("nqb", "northern-quarter", "Summer Beats Camp 2025", "music;music production",
         "Summer Beats 2025", "Creativity;Digital skills", "16-25", "free",
         "past2025:days:5/day@8",
         "A week of beat making, songwriting and a showcase gig in the summer holidays."),
    Item("acc", "ancoats", "Code Your First Game", "tech;game design;coding",
         "Ancoats Game Maker", "Digital skills;Creativity;Problem solving", "16-25", "free",
         "weekly:8/eve",
         "Make a 2D platformer in Godot from scratch: movement, levels, enemies and sound. "
         "No coding experience needed, just bring your imagination."),
    Item("mys", "mediacity", "Youth Newsroom", "media;journalism;news",
         "MediaCity Young Reporter", "Literacy;Communication;Digital skills", "16-25", "free",
         "weekly:10/eve",
         "Find stories, interview people and write, film and publish news for our youth "
         "news site, with mentoring from working journalists."),
    Item("mys", "mediacity", "Short Film Bootcamp", "media;film-making;editing",
         "MediaCity Film-Maker", "Creativity;Teamwork;Digital skills", "16-25", "free",
         "days:5/day@7-8",
         "A week-long summer bootcamp: write, shoot and edit a short film with professional "
         "kit and crew, then screen it at MediaCity."),
    Item("mys", "mediacity", "2D Animation Course", "media;animation;2d animation",
         "MediaCity Animator", "Creativity;Digital skills;Self-management", "16-25", "£25",
         "weekly:8/eve",
         "Learn the principles of animation and make a short animated clip in Toon Boom or "
         "Blender's Grease Pencil. Drawing tablets provided."),
    Item("msh", "moss-side", "Moss Side Hoops", "sport;basketball",
         "Moss Side Baller", "Teamwork;Communication", "16-25", "free", "ongoing",
         "Free basketball every Tuesday and Thursday: coaching, three-on-three and full "
         "games. All levels, all welcome."),
    Item("hcb", "hulme", "Hulme Boxing Club", "sport;boxing",
         "Hulme Boxer", "Self-management;Resilience;Teamwork", "16-25", "£2", "ongoing",
         "A community boxing gym where coaches care about you as much as your jab. Fitness "
         "sessions, technique and competition for those who want it."),
    Item("orl", "ordsall", "Rugby League Open Training", "sport;rugby;rugby league",
         "Ordsall Rugby League Player", "Teamwork;Resilience", "16-25", "free", "ongoing",
         "Fancy trying rugby league? Open training every Wednesday for new and returning "
         "players; boots to borrow and coaches who'll teach you the basics."),
    Item("sca", "sportcity", "Track Cycling Taster", "sport;cycling;track cycling",
         "Sportcity Track Rider", "Resilience;Self-management", "16-25", "£15", "once/sat",
         "Ride the steep banking of an indoor velodrome on a fixed-wheel track bike. Bike, "
         "helmet and coaching included."),
    Item("sca", "sportcity", "BMX Jam 2026", "sport;cycling;bmx",
         "BMX Jam 2026", "Resilience;Creativity", "16-25", "free", "past2026:day/sat@6",
         "A summer BMX jam with coaching zones and a best-trick contest."),
    Item("wwf", "wythenshawe", "Wanderers Under-21s Open Training", "sport;football",
         "Wanderers Squad Player", "Teamwork;Resilience", "16-21", "free", "ongoing",
         "Train with our under-21s on Tuesday nights. No trials and no fees; play on "
         "Saturdays once you're settled in."),
    Item("pfl", "platt-fields", "Women's Football: Back of the Net",
         "sport;football;women's football", "Back of the Net Player",
         "Teamwork;Resilience;Communication", "16-25", "free", "ongoing",
         "Relaxed football for women and non-binary people who want to learn, get fit and "
         "have a laugh. Boots not needed, smiles essential."),
    Item("lcc", "longsight", "Tape-Ball Cricket Nights", "sport;cricket;tape ball cricket",
         "Longsight Cricketer", "Teamwork;Communication", "16-25", "free", "weekly:10/eve@5-7",
         "Quick games of tape-ball cricket on summer evenings, plus coaching for anyone who "
         "wants to move up to our league teams."),
    Item("abh", "ardwick", "Bouldering for Beginners", "sport;climbing;bouldering",
         "Ardwick Boulderer", "Problem solving;Resilience", "16-25", "£9", "weekly:4/eve",
         "Four coached sessions covering footwork, balance and reading problems. Shoe hire "
         "included and discounted entry afterwards."),
    Item("sqw", "salford-quays", "Open Water Swimming", "sport;swimming;open water swimming",
         "Quays Open Water Swimmer", "Resilience;Self-management", "16-25", "£6", "ongoing",
         "Swim in the clean, calm water of Salford Quays with lifeguards and coaches on "
         "hand. Wetsuit hire available; must swim 400 metres in a pool."),
    Item("sqw", "salford-quays", "Paddlesport Taster", "watersports;kayaking;paddleboarding",
         "Quays Paddler", "Resilience;Teamwork", "16-25", "£12", "once/sat@5-9",
         "Try kayaking and stand-up paddleboarding in the docks, right next to MediaCity. "
         "All kit provided, beginners welcome."),
    Item("mws", "ardwick", "Skateboarding Lessons", "sport;skateboarding",
         "Mancunian Way Skater", "Resilience;Self-management", "16-25", "£5", "weekly:4/sun",
         "Four Sunday lessons at an indoor skatepark: pushing, turning, dropping in and your "
         "first ollie. Boards and pads to borrow."),
    Item("hdh", "hulme", "Street Dance Foundations", "dance;street dance;hip hop",
         "Hulme Dance House: Street", "Creativity;Teamwork;Self-management", "16-25", "£4",
         "ongoing",
         "Hip hop grooves, popping and locking and freestyle, taught by dancers from the "
         "Manchester scene. Come as you are."),
    Item("hdh", "hulme", "Ballet Basics", "dance;ballet",
         "Hulme Dance House: Ballet", "Self-management;Resilience", "16-25", "£5",
         "ongoing",
         "A friendly ballet class for beginners of any shape, size or background. No "
         "leotard required, just comfy clothes."),
    Item("chm", "cheetham-hill", "Brazilian Jiu-Jitsu for Beginners",
         "sport;martial arts;brazilian jiu-jitsu", "Cheetham Hill BJJ: White Belt",
         "Problem solving;Resilience;Self-management", "16-25", "£5", "ongoing",
         "Learn the grappling martial art that's like chess with your body. Beginners' class "
         "every Monday, gi to borrow."),
    Item("gyg", "gorton", "Youth Gym", "fitness;gym;strength training",
         "Gorton Gym Regular", "Self-management;Resilience", "16-25", "£2", "ongoing",
         "Cheap, friendly gym sessions for 16-25s, with instructors to show you the kit and "
         "help you plan workouts."),
    Item("ppr", "peel-park", "Salford Run Crew", "sport;running;run club",
         "Peel Park Runner", "Self-management;Teamwork", "16+", "free", "ongoing",
         "Social runs through Peel Park and along the River Irwell, with a walk-run group so "
         "anyone can join in."),
    Item("cgd", "chorlton", "Battle of the Bands Prep", "music;band;guitar;drums",
         "Chorlton Band Member", "Teamwork;Creativity", "16-25", "£5", "weekly:8/eve",
         "Form a band, write songs and rehearse with a tutor, then compete at our Battle of "
         "the Bands night. Guitars and drums provided."),
    Item("msw", "moss-side", "Rap & Spoken Word Workshop", "music;rap;spoken word",
         "Moss Side Wordsmith", "Creativity;Literacy;Communication", "16-25", "free",
         "weekly:6/eve",
         "Write bars, find your flow and perform with confidence, led by Manchester MCs and "
         "poets. Record a track at the end."),
    Item("msw", "moss-side", "Poetry Slam Night", "writing;poetry;spoken word",
         "Slam Poet", "Communication;Creativity;Resilience", "16-25", "free", "ongoing",
         "A monthly poetry slam with a warm, rowdy crowd. Sign up to perform or just come "
         "and listen; the winner gets a paid gig."),
    Item("ort", "oxford-road", "Oxford Road Youth Theatre", "drama;theatre;acting",
         "Oxford Road Youth Theatre Member", "Communication;Teamwork;Creativity", "16-25",
         "£3", "ongoing",
         "Make bold new theatre with professional artists, from physical theatre to new "
         "writing. No experience needed and nobody gets turned away."),
    Item("nfl", "northern-quarter", "Fashion & Sewing Lab", "fashion;sewing;fashion design",
         "Northern Quarter Fashion Maker", "Creativity;Problem solving", "16-25", "£10",
         "weekly:8/eve",
         "Learn to sew, alter and upcycle, then design your own garment for our end-of-term "
         "catwalk show."),
    Item("sha", "pendleton", "Hairdressing Taster", "beauty;hair and beauty;hairdressing",
         "Salford Hair Starter", "Customer service;Creativity", "16-19", "free",
         "weekly:3/aft",
         "Shampoo, blow-dry, curls and braids on practice heads in our training salon. "
         "Learn about hairdressing apprenticeships too."),
    Item("aks", "ancoats", "Chef Skills Bootcamp", "food;cooking;chef",
         "Ancoats Kitchen Commis", "Teamwork;Self-management;Planning", "16-24", "free",
         "weekly:6/day",
         "Six weeks in a professional kitchen learning knife skills, food safety and classic "
         "dishes, then a work placement in a Manchester restaurant."),
    Item("dhg", "deansgate", "Bar & Waiting Staff Training",
         "hospitality;bar work;waiting", "Deansgate Hospitality Crew",
         "Customer service;Teamwork;Communication", "18-25", "free", "weekly:2/day",
         "Learn to make cocktails, carry plates and look after guests, with paid trial "
         "shifts in our bars and restaurants afterwards."),
    Item("ohc", "oxford-road", "NHS Careers Taster Day", "health;nursing;healthcare",
         "Oxford Road Health Taster", "Communication;Teamwork", "16-19", "free", "day/day",
         "Meet nurses, healthcare assistants, paramedics and porters, try clinical skills "
         "and find out how to get into NHS jobs at any level."),
    Item("wyh", "wythenshawe", "Youth Leadership Academy",
         "leadership;youth leadership;volunteering", "Wythenshawe Young Leader",
         "Leadership;Planning;Communication;Teamwork", "16-21", "free", "weekly:10/eve",
         "Learn to lead projects, run events and speak up for your community, then plan "
         "and deliver a project of your own."),
    Item("wyh", "wythenshawe", "Duke of Edinburgh's Award",
         "outdoors;duke of edinburgh;expeditions",
         "Wythenshawe DofE", "Teamwork;Planning;Resilience", "16-24", "£25", "weekly:12/eve",
         "Do your DofE with us, from volunteering to expeditions in the Peak District. Kit "
         "is provided and fees can be waived."),
    Item("ivr", "kersal", "River Irwell Clean-up Crew", "environment;conservation;river clean-up",
         "Irwell Ranger", "Teamwork;Resilience", "16+", "free", "ongoing",
         "Pull rubbish out of the river, plant trees and look after the wetlands at Kersal. "
         "Waders, gloves and brews provided."),
    Item("mgs", "moss-side", "Grow Your Own", "gardening;growing food",
         "Moss Side Grower", "Teamwork;Self-management", "16-25", "free", "ongoing",
         "Grow fruit, veg and herbs in raised beds in the middle of the city, and cook a "
         "shared lunch from the harvest."),
    Item("kcf", "kersal", "City Farm Volunteers", "animals;animal care;farm",
         "Kersal Farmhand", "Self-management;Teamwork;Resilience", "16-25", "free", "ongoing",
         "Feed the sheep, muck out the pigs and collect the eggs. Weekend volunteering on a "
         "city farm, with training in animal handling."),
    Item("kcf", "kersal", "Vet & Zoo Careers Day", "animals;vet;zoo",
         "Animal Careers Explorer", "Communication;Problem solving", "16-19", "£10", "day/sat",
         "Meet vets, vet nurses, zookeepers and animal behaviourists, try practical skills "
         "and find out which courses lead where."),
    Item("sta", "pendleton", "Trades Taster Week", "trades;electrician;plumbing;bricklaying",
         "Salford Trades Taster", "Problem solving;Numeracy;Teamwork", "16-24", "free",
         "days:5/day",
         "A day each on electrics, plumbing, bricklaying, joinery and decorating, so you can "
         "find the trade that suits you before you apply for an apprenticeship."),
    Item("sta", "pendleton", "Construction Skills & CSCS", "construction;cscs card",
         "Salford Site Ready", "Self-management;Numeracy;Communication", "18-25", "free",
         "weekly:2/day",
         "Two weeks of site safety, first aid and manual handling, ending with your CSCS "
         "card and interviews with contractors on local building sites."),
    Item("oew", "gorton", "Engineering Apprenticeship Taster",
         "engineering;apprenticeships;manufacturing",
         "Openshaw Engineering Taster", "Problem solving;Numeracy;Teamwork", "16-24", "free",
         "days:3/day",
         "Three days of machining, CAD and electronics in a working factory, with advice on "
         "applying for our engineering apprenticeships."),
    Item("ysm", "oxford-road", "Young Scientists Club", "science;science club",
         "Young Scientist MCR", "Problem solving;Teamwork;Numeracy", "16-18", "free",
         "ongoing",
         "Fortnightly experiments, lab visits and talks from university researchers, from "
         "graphene to genetics."),
    Item("cll", "m-library-pc", "GCSE Maths & English Tutoring",
         "maths;maths tutoring;english", "Library Tutoring Regular",
         "Numeracy;Literacy;Self-management", "16-18", "free", "ongoing",
         "Free small-group tutoring for GCSE maths and English resits, with trained "
         "volunteers. Come every week or just before your exams."),
    Item("cll", "st-peters-sq", "Chess Club", "games;chess",
         "City Library Chess Player", "Problem solving;Self-management", "", "free", "ongoing",
         "Chess for everyone on Wednesday evenings: beginners' lessons, casual games and "
         "puzzles. Boards and clocks provided."),
    Item("cll", "st-peters-sq", "Money Skills for Students", "money;budgeting;student finance",
         "Student Money Savvy", "Numeracy;Planning", "16-25", "free", "once/eve",
         "Student loans, budgeting apps, bank accounts and avoiding debt traps, explained "
         "without the jargon."),
    Item("syh", "salford-text", "Salford Youth Jobs Hub", "careers;job club;apprenticeships",
         "Salford Jobs Hub Member", "Self-management;Digital skills;Communication", "16-24",
         "free", "ongoing",
         "Advisers help you find jobs and apprenticeships, write applications and prepare "
         "for interviews. Free bus passes for interviews."),
    Item("syh", "pendleton", "Interview Skills Masterclass", "careers;job interviews",
         "Salford Interview Ready", "Communication;Resilience;Self-management", "16-25",
         "free", "once/eve",
         "Learn the STAR technique, practise with real recruiters and get feedback on your "
         "answers and body language."),
    Item("nsl", "northern-quarter", "Start Your Side Hustle",
         "enterprise;start a business;side hustle", "Northern Quarter Start-Up",
         "Enterprise;Creativity;Planning;Numeracy", "18-25", "free", "weekly:6/eve",
         "Turn your idea into a side hustle: find customers, set prices, sort the tax and "
         "sell online. Mentors from local start-ups."),
    Item("mym", "piccadilly", "Youth Minds Drop-in", "wellbeing;mental health;counselling",
         "Youth Minds Check-In", "Self-management;Resilience", "16-25", "free", "ongoing",
         "Talk to a trained youth counsellor about anything: stress, anxiety, relationships, "
         "money worries. Free, confidential, no referral needed."),
    Item("vyc", "canal-st", "Village Youth LGBTQ+ Group",
         "lgbtq+;youth group;trans and non-binary",
         "Village Youth Member", "Communication;Resilience", "16-25", "free", "ongoing",
         "A weekly space for LGBTQ+ young people, with a trans and non-binary night once a "
         "month. Make friends, get support and plan Pride."),
    Item("myd", "st-peters-sq", "Manchester Young Debaters", "debating;public speaking",
         "Manchester Debater", "Communication;Problem solving;Literacy", "16-21", "free",
         "ongoing",
         "Argue about big questions, learn to structure a speech and rebut like a pro. "
         "Friendly practice debates and regional competitions."),
    Item("mya", "albert-sq", "Young People's Assembly", "politics;youth council;campaigning",
         "Manchester Assembly Member", "Leadership;Communication;Planning", "16-25", "free",
         "ongoing",
         "Represent your neighbourhood, question council leaders and run campaigns on "
         "housing, transport and climate."),
    Item("mbc", "piccadilly", "BSL for Beginners", "languages;sign language;bsl",
         "Manchester BSL Starter", "Communication", "16-25", "£35", "weekly:10/eve",
         "Learn British Sign Language from Deaf tutors: fingerspelling, everyday "
         "conversation and Deaf culture."),
    Item("nqt", "northern-quarter", "Tabletop & D&D Night",
         "games;board games;dungeons and dragons",
         "Northern Quarter Adventurer", "Communication;Creativity;Teamwork", "16-25", "£3",
         "ongoing",
         "Board games, card games and beginner-friendly Dungeons & Dragons tables run by "
         "experienced dungeon masters."),
    Item("amk", "ancoats", "3D Printing & Laser Cutting Induction",
         "making;3d printing;laser cutting", "Ancoats Maker",
         "Digital skills;Creativity;Problem solving", "16+", "£10", "once/sat",
         "Get signed off on our 3D printers and laser cutter, and make a first project to "
         "take home. Open access afterwards."),
    Item("moy", "edale", "Peak District Hiking Club", "outdoors;hiking;peak district",
         "Peak District Walker", "Resilience;Planning;Self-management", "16-25", "£8",
         "ongoing",
         "Monthly hikes up Kinder Scout and along the ridges, travelling by train from "
         "Manchester Piccadilly. Boots and waterproofs to borrow."),
    Item("moy", "edale", "Camping & Bushcraft Weekend", "outdoors;camping;bushcraft",
         "Peak Bushcrafter", "Resilience;Problem solving;Teamwork", "16-25", "£30",
         "days:2/wkend@5-9",
         "Learn to pitch a tent, build a fire, purify water and cook outdoors, then sleep "
         "under canvas in the Hope Valley."),
    Item("sea", "sportcity", "Esports Arena League", "gaming;esports;fifa",
         "Sportcity Esports Player", "Teamwork;Communication;Self-management", "16-25", "£15",
         "weekly:10/eve",
         "A ten-week league of EA FC, Rocket League and Street Fighter, with coaching on "
         "teamwork, tactics and healthy gaming habits."),
    Item("onc", "ordsall", "Netball Nights", "sport;netball",
         "Ordsall Netballer", "Teamwork;Communication", "16-25", "£2", "ongoing",
         "Friendly netball every Monday night: warm-up, skills and matches. Beginners and "
         "returners very welcome."),
    # ---------------------------------------------------------------- Small towns
    Item("kha", "treliske", "Healthcare Academy Taster Day", "health;nursing;healthcare",
         "Kernow Health Taster", "Communication;Teamwork", "16-19", "free", "day/day",
         "A day at the hospital trying nursing, midwifery and therapy skills, with advice "
         "on training in Cornwall without moving away."),
    Item("cyv", "truro", "Community Volunteers", "volunteering;community;food bank",
         "Cornwall Youth Volunteer", "Teamwork;Communication;Self-management", "16-25",
         "free", "ongoing",
         "Help out at the food bank, community cafe or charity shop for a few hours a week. "
         "Great for your CV and for meeting new people."),
    Item("kls", "truro", "Cornish for Beginners", "languages;cornish",
         "Kernewek Starter", "Communication", "", "free", "ongoing",
         "Learn to speak some Kernewek, the Cornish language: greetings, everyday phrases "
         "and songs, in a relaxed evening class."),
    Item("nda", "barnstaple", "Animal Rescue Volunteers", "animals;animal care;volunteering",
         "North Devon Animal Helper", "Self-management;Teamwork;Resilience", "16-25", "free",
         "ongoing",
         "Walk dogs, clean pens and socialise cats at our rescue centre. Training provided, "
         "and a reference for animal care courses."),
    Item("bjc", "barnstaple", "Barnstaple Job Club", "careers;job club;cv writing",
         "Barnstaple Job Seeker", "Self-management;Digital skills;Literacy", "16-25", "free",
         "ongoing",
         "Weekly help with CVs, applications and seasonal jobs across North Devon, with free "
         "computers and printing."),
    Item("ttc", "barnstaple", "Tarka Trail Social Rides", "sport;cycling",
         "Tarka Trail Rider", "Self-management;Resilience", "16-25", "free", "ongoing",
         "Traffic-free Sunday rides along the old railway line by the estuary, with a cafe "
         "stop. Bikes can be borrowed."),
    Item("lya", "kendal", "Fell Walking for Beginners", "outdoors;hiking;fell walking",
         "Lakes Fell Walker", "Resilience;Planning;Self-management", "16-25", "£10",
         "weekly:4/sat@4-9",
         "Four guided walks up Lakeland fells, learning to read a map, use a compass and "
         "stay safe in the mountains. Minibus from Kendal."),
    Item("lya", "windermere", "Kayaking on Windermere", "watersports;kayaking;canoeing",
         "Windermere Paddler", "Resilience;Teamwork", "16-25", "£20", "once/sat@5-9",
         "A half-day kayak and canoe session on England's biggest lake, with instructors and "
         "all the kit. Swimming ability needed."),
    Item("lya", "kendal-text", "DofE Gold Expedition Training",
         "outdoors;duke of edinburgh;expeditions", "Lakes Gold Expedition",
         "Teamwork;Planning;Resilience;Leadership", "16-24", "£120", "days:4/day@4-8",
         "Four days of navigation, camping and mountain skills in the Lake District to "
         "prepare for your Gold Duke of Edinburgh's expedition."),
    Item("thr", "hexham", "Pony Care & Riding Day", "animals;horse riding;pony care",
         "Tynedale Young Rider", "Self-management;Resilience", "16-25", "£45", "day/sat",
         "Look after your own pony for the day: grooming, tacking up, feeding and a ride "
         "out in the Tyne Valley countryside."),
    Item("nbc", "hexham", "Northumberland Bushcraft Weekend", "outdoors;bushcraft;camping",
         "Northumberland Bushcrafter", "Resilience;Problem solving;Teamwork", "16-25", "£40",
         "days:2/wkend@5-9",
         "Fire lighting, shelter building, foraging and whittling in the woods, with a night "
         "under a tarp. All food and kit provided."),
    Item("erk", "ely", "Kayaking on the Great Ouse", "watersports;kayaking",
         "Ouse Paddler", "Resilience;Teamwork", "16-25", "£6", "ongoing",
         "Paddle the calm river from Ely's waterside with views of the cathedral. Coached "
         "sessions on Sunday mornings, April to October."),
    Item("fcv", "ely", "Fen Conservation Volunteers", "environment;conservation;wildlife",
         "Fen Guardian", "Teamwork;Self-management", "16+", "free", "ongoing",
         "Help restore wetland habitats for otters, cranes and dragonflies. Monthly work "
         "days, tools and transport provided."),
    Item("eya", "ely", "Ely Youth Art Club", "art;painting;drawing",
         "Ely Young Artist", "Creativity;Self-management", "16-25", "£3", "ongoing",
         "Paint, draw and print in a friendly studio with a working artist. Great for "
         "building a portfolio for art college."),
    Item("nds", "westward-ho", "Surf Lessons at Westward Ho!", "watersports;surfing",
         "North Devon Surfer", "Resilience;Self-management", "16-25", "£25",
         "weekly:3/sat@5-9",
         "Three lessons on one of Devon's longest sandy beaches: paddling, popping up and "
         "riding your first waves. Board and wetsuit included."),
    Item("bbb", "bideford", "Traditional Boat Building", "trades;carpentry;boat building",
         "Bideford Boatbuilder", "Problem solving;Teamwork;Numeracy", "16-25", "£20",
         "ongoing",
         "Help build a wooden rowing boat by hand in our riverside workshop: measuring, "
         "shaping and fixing timber the traditional way."),
    Item("wwr", "whitby", "Dark Tales Writing Workshop", "writing;creative writing;horror",
         "Whitby Storyteller", "Creativity;Literacy", "16-25", "£5", "weekly:4/eve@10-11",
         "Write spooky short stories in the town that inspired Dracula, with a published "
         "author and a reading night at the end."),
    Item("wpc", "whitby", "Coast Photography Walks", "art;photography;landscape photography",
         "Whitby Coast Photographer", "Creativity;Digital skills", "16-25", "£5",
         "ongoing",
         "Photograph the abbey, harbour and cliffs with local photographers, and learn to "
         "edit your shots on your phone or laptop."),
    Item("wsh", "whitby", "Seaside Summer Jobs Training",
         "hospitality;customer service;summer jobs", "Whitby Summer Crew",
         "Customer service;Teamwork;Communication", "16-25", "free", "days:2/day@4-5",
         "Two days of food hygiene, customer service and till training, then interviews "
         "for summer jobs in cafes, chippies and shops."),
    Item("fss", "fistral", "Learn to Surf", "watersports;surfing",
         "Fistral Surfer: Level 1", "Resilience;Self-management", "16-25", "£30",
         "weekly:3/sat@4-7",
         "Three lessons at Fistral Beach covering ocean safety, paddling and standing up on "
         "the whitewater. Boards and wetsuits provided."),
    Item("fss", "fistral", "Surf Level 2: Catch Green Waves", "watersports;surfing",
         "Fistral Surfer: Level 2", "Resilience;Self-management;Problem solving", "16-25",
         "£40", "weekly:3/sat@4-10>",
         "For Learn to Surf graduates: paddle out back, read the waves and catch unbroken "
         "green waves with a coach."),
    Item("fss", "fistral", "Beach Lifeguard Training", "health;lifeguarding;beach lifeguard",
         "Fistral Beach Lifeguard", "Resilience;Teamwork;Communication", "16-25", "£200",
         "days:5/day@3-5",
         "Get qualified to work as a beach lifeguard: surf rescues, rescue boards and "
         "casualty care. Summer jobs along the Cornish coast."),
    Item("fss", "fistral", "Summer Surf Camp 2026", "watersports;surfing",
         "Surf Camp 2026", "Resilience;Teamwork", "16-21", "£90", "past2026:days:5/day@7-8",
         "Five days of surf coaching, beach games and barbecues in the summer holidays."),
    Item("fps", "frome", "Pottery Evenings", "art;pottery;ceramics",
         "Frome Potter", "Creativity;Self-management", "16-25", "£12", "ongoing",
         "Drop-in pottery on Wednesday evenings: wheel throwing and hand-building with "
         "a potter on hand. Firing included."),
    Item("fmc", "frome-text", "Young Musicians' Open Stage", "music;band;open mic",
         "Frome Open Stage Performer", "Creativity;Communication;Resilience", "16-25",
         "free", "ongoing",
         "Bands, singer-songwriters and rappers welcome at our monthly open stage. "
         "Backline provided, so just bring your instrument."),
    Item("lfa", "ludlow", "Young Chefs Programme", "food;cooking;chef",
         "Ludlow Young Chef", "Creativity;Teamwork;Planning", "16-24", "£20", "weekly:6/eve",
         "Cook with local chefs using Shropshire produce: butchery, pastry and plating up, "
         "with work experience in town restaurants."),
    Item("lhv", "ludlow", "Castle & Heritage Volunteers", "volunteering;heritage;history",
         "Ludlow Heritage Volunteer", "Communication;Customer service", "16+", "free",
         "ongoing",
         "Welcome visitors, help with events and learn the stories of Ludlow's castle and "
         "medieval streets. Flexible weekend shifts."),
    # ---------------------------------------------------------------- Online
    Item("oca", "online", "Web Design: Your First Website", "tech;web design;html",
         "Open Code: Web Level 1", "Digital skills;Creativity", "16-25", "free",
         "weekly:6/eve",
         "Live online classes where you build and publish a personal website with HTML and "
         "CSS. All you need is a laptop and an internet connection."),
    Item("oca", "online", "Web Design Level 2: Responsive Sites", "tech;web design;css",
         "Open Code: Web Level 2", "Digital skills;Creativity;Problem solving", "16-25",
         "free", "weekly:8/eve>",
         "The follow-on from Your First Website: layouts that work on phones, accessibility "
         "and design basics, ending with a portfolio site."),
    Item("oca", "online", "Web Design Level 3: JavaScript & Interactivity",
         "tech;web design;javascript", "Open Code: Web Level 3",
         "Digital skills;Problem solving;Planning", "16-25", "free", "weekly:8/eve>",
         "Add menus, forms, games and live data to your sites with JavaScript. For anyone "
         "who has finished Level 2 or knows HTML and CSS."),
    Item("oca", "online", "Learn Python at Your Own Pace", "tech;coding;python",
         "Open Code: Python Explorer", "Digital skills;Problem solving;Self-management",
         "16+", "free", "ongoing",
         "Self-paced Python lessons in your browser with weekly live help sessions. Start "
         "any time and earn the badge when you finish the final project."),
    Item("oca", "online", "Summer Coding Challenge 2025", "tech;coding",
         "Summer Code 2025", "Digital skills;Problem solving", "16-25", "free",
         "past2025:weekly:4/eve@7",
         "Four weekly coding puzzles with live walkthroughs over the summer."),
    Item("vch", "online", "CV Writing Masterclass", "careers;cv writing",
         "CV Masterclass", "Literacy;Digital skills;Self-management", "16-25", "free",
         "once/eve",
         "A live online session with a recruiter: what to put on your CV when you've got "
         "no experience, and how to get past the robots that filter applications."),
    Item("vch", "online", "Virtual Mock Interviews", "careers;job interviews",
         "Online Interview Ready", "Communication;Resilience", "16-25", "free", "ongoing",
         "Book a 30-minute video mock interview with a volunteer from industry and get "
         "written feedback. Practise for jobs, college or uni."),
    Item("vch", "online", "Apprenticeships Explained", "careers;apprenticeships",
         "Apprenticeship Explorer", "Planning;Self-management", "16-24", "free", "once/eve",
         "How apprenticeships work, what they pay, how to find them and how to write an "
         "application that stands out. Live Q&A with current apprentices."),
    Item("yml", "online", "Money Bootcamp: Budgets, Banks & Payslips",
         "money;budgeting;payslips", "Money Bootcamp Graduate",
         "Numeracy;Planning;Self-management", "16-25", "free", "weekly:4/eve",
         "Make sense of payslips, tax, bank accounts, credit scores and buy now pay later, "
         "and build a budget you can stick to."),
    Item("slo", "online", "Online Creative Writing Circle", "writing;creative writing",
         "Story Lab Writer", "Creativity;Literacy", "16-25", "free", "ongoing",
         "Fortnightly video meet-ups with writing prompts and friendly feedback on your "
         "stories, scripts and fan fiction."),
    Item("slo", "online", "Poetry Workshop", "writing;poetry",
         "Story Lab Poet", "Creativity;Literacy", "16-25", "free", "weekly:4/eve",
         "Four live sessions with a poet exploring imagery, rhythm and form. Share your "
         "poems if you want to; listening is fine too."),
    Item("slo", "online", "Young Journalists Online", "media;journalism;writing",
         "Story Lab Reporter", "Literacy;Communication;Digital skills", "16-25", "free",
         "weekly:6/eve",
         "Learn to pitch, research, interview and write news and features, and get a "
         "published article on our youth news site."),
    Item("cco", "online", "Mindfulness Mondays", "wellbeing;mindfulness;meditation",
         "Calm Corner Regular", "Self-management;Resilience", "16-25", "free", "ongoing",
         "A 30-minute guided mindfulness session on video every Monday evening. Cameras "
         "off is fine; just find a quiet spot."),
    Item("cco", "online", "Managing Anxiety: Online Course", "wellbeing;mental health;anxiety",
         "Anxiety Toolkit", "Self-management;Resilience", "16-25", "free", "weekly:6/eve",
         "Six weekly sessions with a youth therapist on understanding anxiety, calming your "
         "body and challenging worried thoughts."),
    Item("roy", "online", "Rainbow Online Youth Group", "lgbtq+;youth group",
         "Rainbow Online Member", "Communication;Resilience", "16-25", "free", "ongoing",
         "A moderated online hangout for LGBTQ+ young people wherever you live, great if "
         "there's no group near you. Games, chat and support."),
    Item("odl", "online", "Online Debate League", "debating;public speaking",
         "Debate League Speaker", "Communication;Problem solving;Literacy", "16-21", "free",
         "ongoing",
         "Weekly video debates against teams from across the UK, with coaching on argument, "
         "rebuttal and speaking with confidence."),
    Item("sto", "online", "BSL Online Level 1", "languages;sign language;bsl",
         "Sign Together Level 1", "Communication", "16+", "£25", "weekly:10/eve",
         "Learn British Sign Language live on video with a Deaf tutor: fingerspelling, "
         "numbers, everyday chat and Deaf awareness."),
    Item("cmo", "online", "Online Chess Arena", "games;chess",
         "Checkmate Online Player", "Problem solving;Self-management", "", "free", "ongoing",
         "Weekly online tournaments, puzzle challenges and coaching streams for every level. "
         "Play from your phone or laptop."),
    Item("ple", "online", "Pixel League: Rocket League & Valorant", "gaming;esports",
         "Pixel League Competitor", "Teamwork;Communication;Self-management", "16-25",
         "£5", "ongoing",
         "Join a team in our online esports league, with coaching on comms, strategy and "
         "looking after yourself while you game."),
    Item("mbo", "online", "GCSE Maths Resit Tutoring", "maths;maths tutoring;gcse maths",
         "Maths Boost: Resit Ready", "Numeracy;Problem solving;Self-management", "16-18",
         "free", "ongoing",
         "Small online groups with a qualified maths tutor to get you ready for your resit, "
         "focusing on the topics you find hardest."),
    Item("lco", "online", "Spanish Conversation for Beginners", "languages;spanish",
         "Lingo Club: Spanish Starter", "Communication", "16-25", "£20", "weekly:8/eve",
         "Speak Spanish from week one in small video groups with a native-speaking tutor. "
         "Perfect before a holiday or gap year."),
    Item("llo", "online", "Driving Theory Crash Course",
         "driving;driving theory;hazard perception",
         "Theory Test Crash Course", "Self-management;Problem solving", "17-25", "free",
         "weekly:3/eve",
         "Three live online sessions covering the Highway Code, road signs and hazard "
         "perception, with mock tests between sessions."),
    Item("fao", "online", "Online First Aid Awareness", "health;first aid",
         "First Aid Aware", "Problem solving;Communication", "16+", "free", "ongoing",
         "Short videos and quizzes on CPR, choking, bleeding and helping someone who's "
         "unwell. Do it at your own pace and earn a badge."),
    Item("dao", "online", "Digital Art Club", "art;digital art;drawing",
         "Digital Art Club Member", "Creativity;Digital skills", "16-25", "free", "ongoing",
         "Weekly live draw-alongs, challenges and critiques for digital artists using any "
         "app, from Procreate to Krita."),
    Item("dao", "online", "Animation in Blender", "media;animation;3d animation",
         "Blender Animator", "Creativity;Digital skills;Problem solving", "16-25", "£15",
         "weekly:6/eve",
         "Model, rig and animate a short 3D scene in free Blender software, with live "
         "classes and recorded tutorials."),
    Item("bpo", "online", "Bedroom Producers: Music Production Online",
         "music;music production;making beats", "Bedroom Producer",
         "Creativity;Digital skills;Self-management", "16-25", "free", "weekly:8/eve",
         "Learn to produce music from your bedroom with free software: beats, synths, "
         "vocals and mixing, with feedback on your tracks."),
    Item("gmo", "online", "Game Design with Unity", "tech;game design;unity",
         "Unity Game Designer", "Digital skills;Creativity;Problem solving", "16-25", "£10",
         "weekly:10/eve",
         "Design and build a 3D game in Unity over ten weeks, from first idea to a playable "
         "demo you can share with friends."),
    Item("snp", "online", "30-Day Photo Challenge", "art;photography",
         "Snap Challenge Finisher", "Creativity;Self-management", "16-25", "free", "ongoing",
         "A new photo theme every day for 30 days, with tips from photographers and a "
         "friendly online gallery. Any camera or phone."),
    Item("seo", "online", "Science Explorers Live", "science;science club;astronomy",
         "Science Explorer", "Problem solving;Numeracy", "16-19", "free", "ongoing",
         "Live online talks and kitchen-table experiments with real scientists, from black "
         "holes to brain science."),
    Item("yfo", "online", "Young Founders Online Accelerator", "enterprise;start a business",
         "Young Founder", "Enterprise;Planning;Numeracy;Communication", "16-25", "free",
         "weekly:8/eve",
         "An eight-week online programme to test your business idea, find customers and "
         "pitch to investors, with one-to-one mentoring."),
    Item("mvn", "online", "Micro-Volunteering from Home", "volunteering;online volunteering",
         "Micro-Volunteer", "Digital skills;Self-management", "16+", "free", "ongoing",
         "Give ten minutes or a few hours online: transcribe archives, design posters for "
         "charities or map places for disaster relief."),
    Item("rso", "online", "Customer Service Skills e-Learning", "retail;customer service",
         "Customer Service Essentials", "Customer service;Communication", "16+", "free",
         "ongoing",
         "Short online modules on dealing with customers, complaints and working on a till. "
         "Handy before applying for shop or cafe jobs."),
    Item("omo", "online", "Online Open Mic: Rap & Spoken Word", "music;rap;spoken word",
         "Online Open Mic Performer", "Creativity;Communication;Resilience", "16-25", "free",
         "ongoing",
         "Perform your bars or poems live on a monthly video open mic, or just watch and "
         "cheer people on in the chat."),
    Item("pao", "online", "Start a Podcast in 6 Weeks", "media;podcasting",
         "Podcast Starter", "Communication;Digital skills;Creativity", "16-25", "free",
         "weekly:6/eve",
         "Plan, record and edit a podcast with just your phone and free software, then "
         "publish your first episode."),
    Item("yco", "online", "Climate Action Campaigners", "environment;climate change;campaigning",
         "Climate Campaigner", "Communication;Leadership;Planning", "16-25", "free",
         "ongoing",
         "Join young people across the UK planning climate campaigns online: research, "
         "petitions, talking to MPs and organising local actions."),
    Item("ogc", "online", "Learn Guitar Online", "music;guitar",
         "Online Guitarist", "Creativity;Self-management", "16-25", "£5", "ongoing",
         "Weekly live group guitar lessons and a library of song tutorials. Beginner to "
         "intermediate; acoustic or electric."),
]
# fmt: on


# --- generation -------------------------------------------------------------------------------

SLOTS = {
    # slot -> (allowed weekdays (Mon=0), start times, session lengths in minutes)
    "eve": ((0, 1, 2, 3), ("17:30", "18:00", "18:30", "19:00"), (90, 120)),
    "aft": ((0, 1, 2, 3, 4), ("16:00", "16:30"), (90,)),
    "sat": ((5,), ("10:00", "10:30", "11:00", "13:00", "14:00"), (120, 150, 180)),
    "sun": ((6,), ("10:00", "10:30", "11:00", "13:00", "14:00"), (120, 150, 180)),
    "wkend": ((5, 6), ("10:00", "10:30", "11:00", "13:00", "14:00"), (120, 150, 180)),
    "morn": ((5, 6), ("08:00", "08:30"), (60, 75)),
    "day": ((0, 1, 2, 3, 4), ("09:30", "10:00"), (300, 330, 360)),
}
PATHWAY_GAP = timedelta(days=60)  # the next level of a pathway starts within this
WHEN_RE = re.compile(
    r"^(?:past(?P<year>\d{4})?:)?(?P<kind>ongoing|once|weekly|day|days)"
    r"(?::(?P<n>\d+))?(?:/(?P<slot>[a-z]+))?(?:@(?P<m1>\d+)(?:-(?P<m2>\d+))?)?(?P<after>>)?$"
)


def slugify(text: str) -> str:
    """Lower-case, ASCII-only, hyphen-separated slug for urls."""
    text = text.lower().replace("&", " and ").replace("+", " plus ").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _christmas(day: date) -> bool:
    return (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 4)


def parse_when(when: str) -> tuple[re.Match[str], timedelta]:
    """Check a schedule code and return its match and the time from first to last day."""
    m = WHEN_RE.match(when)
    if m is None:
        raise ValueError(f"bad schedule code {when!r}")
    n = int(m["n"] or 1)
    span = timedelta(weeks=n - 1) if m["kind"] == "weekly" else timedelta(days=n - 1)
    return m, span


def schedule(
    when: str,
    rng: random.Random,
    after: date | None = None,
    reserve: timedelta = timedelta(0),
) -> tuple[str, str]:
    """Turn a schedule code into (starts_at, ends_at) strings.

    Codes: ``ongoing``; ``once/SLOT`` (one session); ``weekly:N/SLOT`` (N weekly sessions);
    ``day/SLOT`` (a whole day, dates only); ``days:N/SLOT`` (N consecutive days, dates only).
    ``@M`` or ``@M1-M2`` restricts the start month. A ``past:`` (or ``pastYYYY:``) prefix
    puts the item before TODAY, so the bot can show that finished items are filtered out.
    A trailing ``>`` makes the item start one week to PATHWAY_GAP after ``after`` (the end
    of the provider's previous dated item): the next level of a pathway. ``reserve`` keeps
    room before WINDOW_END for the levels that follow this one.
    """
    m, span = parse_when(when)
    kind = m["kind"]
    if kind == "ongoing":
        return "", ""
    n = int(m["n"] or 1)
    slot = m["slot"] or ("day" if kind in {"day", "days"} else "eve")
    weekdays, times, lengths = SLOTS[slot]
    if kind == "days" and slot == "day":
        weekdays = tuple(d for d in weekdays if d + n <= 5)  # keep a course within Mon-Fri
    elif kind == "days" and slot == "wkend":
        weekdays = (5,)  # a weekend course: Saturday and Sunday
    if when.startswith("past"):
        first, last = PAST_START, min(PAST_END, TODAY - timedelta(days=30)) - span
        if m["year"]:
            year = int(m["year"])
            first, last = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
    else:
        first, last = FUTURE_START, min(FUTURE_LAST_START, WINDOW_END - span - reserve)
    if m["after"]:
        if after is None:
            raise ValueError(f"{when!r} follows nothing")
        first, last = max(first, after + timedelta(days=7)), min(last, after + PATHWAY_GAP)
    months = range(1, 13)
    if m["m1"]:
        months = range(int(m["m1"]), int(m["m2"] or m["m1"]) + 1)
    candidates = []
    day = first
    while day <= last:
        if day.weekday() in weekdays and day.month in months and not _christmas(day):
            candidates.append(day)
        day += timedelta(days=1)
    if not candidates:
        raise ValueError(f"no dates fit schedule code {when!r}")
    start_day = rng.choice(candidates)
    end_day = start_day + span
    if kind in {"day", "days"}:
        return start_day.isoformat(), end_day.isoformat()
    hour, minute = map(int, rng.choice(times).split(":"))
    start = datetime.combine(start_day, time(hour, minute))  # naive: local UK time
    end = datetime.combine(end_day, start.time()) + timedelta(minutes=rng.choice(lengths))
    return start.isoformat(timespec="minutes"), end.isoformat(timespec="minutes")


def ages(code: str) -> tuple[str, str]:
    """Split an age code: 16-25 -> (16, 25); 16+ -> (16, no max); empty -> no limits."""
    if not code:
        return "", ""
    if code.endswith("+"):
        return code[:-1], ""
    low, high = code.split("-")
    return low, high


def coordinate(value: float | None) -> str:
    """A coordinate as the catalogue writer prints it: no trailing zeros, empty for None."""
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


def check_item(item: Item) -> None:
    """Fail loudly on a typo in the hand-written data."""
    problems = []
    if item.provider not in PROVIDERS:
        problems.append(f"unknown provider {item.provider!r}")
    if item.venue not in VENUES:
        problems.append(f"unknown venue {item.venue!r}")
    skills = item.skills.split(";")
    if not 1 <= len(skills) <= 4 or not set(skills) <= SKILLS:
        problems.append(f"bad skills {item.skills!r}")
    tags = item.tags.split(";")
    if item.tags != item.tags.lower() or not all(t and t == t.strip() for t in tags):
        problems.append(f"bad tags {item.tags!r}")
    if len(set(tags)) != len(tags):
        problems.append(f"repeated tag in {item.tags!r}")
    if not re.fullmatch(r"free|£\d+(\.\d\d)?", item.cost):
        problems.append(f"bad cost {item.cost!r}")
    if not re.fullmatch(r"|\d+\+|\d+-\d+", item.ages):
        problems.append(f"bad ages {item.ages!r}")
    if not item.badge or not item.title or len(item.description) < 40:
        problems.append("missing badge, title or description")
    if problems:
        raise ValueError(f"{item.title!r}: " + "; ".join(problems))


def pathway_reserves() -> list[timedelta]:
    """For each item, the time its provider's later pathway levels (``>`` items) need."""
    reserves = [timedelta(0)] * len(ITEMS)
    following: dict[str, timedelta] = {}  # provider -> reserve for its previous dated item
    for index in reversed(range(len(ITEMS))):
        item = ITEMS[index]
        m, span = parse_when(item.when)
        if m["kind"] == "ongoing":
            continue
        reserves[index] = following.get(item.provider, timedelta(0))
        if m["after"]:
            following[item.provider] = reserves[index] + span + PATHWAY_GAP
        else:
            following.pop(item.provider, None)
    return reserves


def build_rows() -> list[dict[str, str]]:
    """All catalogue rows, in the order of ITEMS."""
    rows = []
    per_provider: Counter[str] = Counter()
    last_end: dict[str, date] = {}
    urls: set[str] = set()
    reserves = pathway_reserves()
    for index, item in enumerate(ITEMS):
        check_item(item)
        per_provider[item.provider] += 1
        row_id = f"{item.provider}-{per_provider[item.provider]:03d}"
        rng = random.Random(f"{SEED}:{row_id}")
        after = last_end.get(item.provider)
        starts_at, ends_at = schedule(item.when, rng, after, reserves[index])
        if ends_at:
            last_end[item.provider] = date.fromisoformat(ends_at[:10])
        location, lat, lon = VENUES[item.venue]
        min_age, max_age = ages(item.ages)
        provider = PROVIDERS[item.provider]
        url = f"https://{slugify(provider)}.example.org/{slugify(item.title)}"
        if url in urls:
            raise ValueError(f"duplicate url {url}")
        urls.add(url)
        rows.append(
            {
                "id": row_id,
                "title": item.title,
                "description": item.description,
                "provider": provider,
                "tags": item.tags,
                "badge": item.badge,
                "skills": item.skills,
                "location": location,
                "latitude": coordinate(lat),
                "longitude": coordinate(lon),
                "starts_at": starts_at,
                "ends_at": ends_at,
                "min_age": min_age,
                "max_age": max_age,
                "cost": item.cost,
                "url": url,
            }
        )
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    """Write rows as UTF-8 CSV with RFC 4180 quoting and LF line ends, like format_csv."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def summary(rows: list[dict[str, str]]) -> str:
    """A one-paragraph summary of what was written."""
    online = sum(r["location"] == "online" for r in rows)
    no_coords = sum(r["location"] != "online" and not r["latitude"] for r in rows)
    finished = sum(bool(r["ends_at"]) and r["ends_at"][:10] < TODAY.isoformat() for r in rows)
    ongoing = sum(not r["starts_at"] for r in rows)
    free = sum(r["cost"] == "free" for r in rows)
    return (
        f"{len(rows)} rows: {online} online, {len(rows) - online} in person "
        f"({no_coords} without coordinates), {ongoing} ongoing, {finished} finished, "
        f"{free} free"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="CSV file to write")
    args = parser.parse_args(argv)
    rows = build_rows()
    write_csv(rows, args.output)
    print(f"wrote {args.output}: {summary(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

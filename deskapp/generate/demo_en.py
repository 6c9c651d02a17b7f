"""The demo's building in English: the tenants, callers, units, what they call about and what the desk
writes, for `deskapp demo` on a desk that speaks English.

deskapp.generate.demo_zh has the same tables row for row in Chinese, so the same seed makes the same
cases in either language; deskapp.generate.demo makes the days out of them. Departments are named as
the staff file keeps them ("Engineering").
"""

from __future__ import annotations

from collections import defaultdict

# ---- the building, its tenants and callers ----------------------------------------------------
BUILDINGS = ("Tower A", "Tower B", "Tower C", "Podium")
PODIUM = "Podium"  # five floors, not thirty
COMPANIES = ("Huaxin Trading", "Blue Harbour Law", "Kite Design", "Meridian Bank", "Orchid Pharma", "Sunrise Logistics",
             "Jade River Consulting", "Northstar Tech", "Golden Bay Insurance", "Pinecone Studio", "Hengtai Securities",
             "Lotus Travel", "Redwood Media", "Silver Crane Foods")
SURNAMES = ("Li", "Zhang", "Wang", "Chen", "Liu", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Zhu", "Ma", "Hu",
            "Guo", "Lin", "Luo", "Gao", "Zheng")
GIVEN = ("Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Yan", "Jie", "Hui", "Xin", "Bo")
WHO = ("Ms {surname}", "Mr {surname}", "{surname} {given}")
WHICH = "{building} {floor}F {unit}"

DEPARTMENT = defaultdict(lambda: "Engineering", {  # who is responsible, by category
    "cleaning": "Housekeeping", "noise": "Security", "parking": "Security", "security": "Security",
    "staff attitude": "Customer Service", "access cards": "Customer Service", "fees": "Customer Service",
    "opening hours": "Customer Service", "deliveries": "Security", "moving furniture": "Housekeeping",
    "event setup": "Housekeeping", "after-hours access": "Security", "goods lift": "Security"})


def _table(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cell.strip() for cell in line.split("|")) for line in text.strip().splitlines())


REPAIRS = _table("""
water leak | Water dripping from the ceiling above the pantry | Pipe joint resealed, ceiling tile replaced
water leak | Leak under the washbasin in the men's toilet | Washbasin trap replaced and tested
air-conditioning | Air-conditioning not cooling in the meeting room | Filter cleaned, cooling back to normal
air-conditioning | AC unit rattling loudly above the open office | Loose fan mounting tightened
lights | Half the lights in the corridor are out | Ballasts and tubes replaced
lift | Lift 3 stops between floors for a few seconds | Lift contractor adjusted the door sensor
lift | Lift call button on this floor not lighting | Call button replaced
door lock | Office door lock jammed, cannot lock at night | Lock cylinder replaced, new keys handed over
door lock | Card reader on the glass door not working | Reader rewired and tested
toilet | Toilet keeps flushing in the ladies' room | Cistern valve replaced
toilet | Blocked toilet on this floor | Drain cleared and tested
power | Sockets along the east wall have no power | Breaker reset, faulty socket replaced
cleaning | Coffee spilled all over the corridor carpet | Carpet shampooed
cleaning | Broken glass by the lift lobby needs clearing | Glass cleared, area checked
""")  # category | what the caller said | outcome
COMPLAINTS = _table("""
noise | Drilling upstairs during office hours | Drilling moved outside 09:00-18:00 | The works hold a permit for it
noise | Loud music from the unit next door | Neighbour warned in writing | No noise found on three checks
cleaning | Toilets on our floor not cleaned since yesterday | Extra midday round added | Closed for repair, notice up
cleaning | Corridor bins overflowing every afternoon | Bins emptied twice a day | The rubbish was from the tenant's move
staff attitude | The receptionist was rude about parking | Staff spoken to; training booked | Recording: a polite answer
staff attitude | Car park guard shouted at my driver | Guard apologised; team briefed | CCTV: driver blocked a fire lane
slow repair | Reported the AC three days ago, nobody came | Work orders checked daily | Part on order, as told that day
slow repair | Leaking tap still not fixed after two visits | Tap replaced, not repaired | Tenant's own fit-out
parking | Someone parks in our reserved space daily | Space added to the guards' round | The space is shared by contract
security | A stranger walked through our office | Badges checked at the lift lobby | He was the tenant's own contractor
air quality | Strong paint smell in the office | Painting moved to weekends | The tenant's own decorators painted
air quality | Stuffy air every afternoon | Fresh-air damper repaired | Readings within the standard
""")  # category | what | corrective action (valid) | explanation (invalid)
MAJOR = _table("""
slow repair | Burst pipe soaked our server room and stock | Riser inspected; loss assessed | Tenant's own fit-out
cleaning | Our staff slipped on a wet floor with no sign, hurt | Signs compulsory; costs covered | CCTV shows the sign
slow repair | Visitors trapped in a lift 40 min; press asking | Controller overhauled; drill held | A grid power cut
security | Laptops stolen; tower door left unlocked overnight | Hourly lock-up checks | The tenant's own card opened it
""")
INQUIRIES = _table("""
parking | How much is a monthly parking space for a second car? | Gave the rate and how to apply
parking | Can visitors park in the basement for a meeting? | Explained visitor parking, two hours free
access cards | How do we get access cards for two new staff? | Explained the form; cards in two working days
access cards | An employee lost her access card; what now? | Card blocked; replacement explained
fees | Question about this month's management fee invoice | Explained the charges line by line
fees | Why did the air-conditioning overtime charge go up? | Explained the new rate notified last month
opening hours | Is the building open on Saturday for our staff? | Open with access card; AC on request
deliveries | Where should couriers leave large deliveries? | Goods lift and loading bay hours explained
""")  # category | question | answer
ASSISTANCE = _table("""
moving furniture | Help moving twenty chairs to the meeting room
event setup | Set up the lobby for a product launch
after-hours access | Let our contractors in for weekend work
goods lift | Reserve the goods lift for a furniture delivery
""")
SUGGESTIONS = _table("""
praise | Housekeeping | Thanks to the cleaner on our floor, always helpful | Thanks passed to the cleaner
praise | Engineering | The engineer fixed our AC within the hour | Thanks passed to the engineering team
suggestion | Security | Please add more bicycle parking by Tower C | Passed on for the next budget review
suggestion | Customer Service | Could the lobby coffee shop open earlier? | Passed to the leasing team
""")  # category | department | what | outcome
HOW = ("wants it fixed today", "wants a call back with the result", "wants an apology", "wants it put right this week")
WAITS = ("waiting for the tenant to give access", "waiting for the customer's photos", "customer away until Monday")

# What the desk writes on the way: notes, reasons, requests.
SAY = {
    "special request": "call the mobile, not the office line",
    "fix before": "fix before {time}",
    "send someone": "send someone today",
    "keeps happening": "it keeps happening",
    "managers told": "told by phone; on the way",
    "escalated": "reported to operations management and company leadership",
    "third time": "third time this week",
    "fell short": "checked on site: our service fell short",
    "explained": "Explained to the customer: {reason}",
    "in hand": "Customer told the work is in hand",
    "back in touch": "customer back in touch",
    "work continues": "customer back; work continues",
    "not right yet": "not right yet; sending the team again",
    "done again": "Done again: {outcome}",
    "helped and explained": "Helped the customer and explained: {reason}",
    "at": "at {time}",
    "done as asked": "Done as asked; customer thanked us",
    "duplicate": "duplicate entry of case {number}",
}

"""What customers say and what staff answer: descriptions, resolutions, reasons.

Phrases are separated by "|" so the lists stay compact. None contains a tab, newline or
backslash (they go into COPY text unescaped only after escaping anyway).
"""

from __future__ import annotations


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("|") if p.strip())


DESCRIPTIONS = {
    "WATER_BURST_PIPE": _phrases(
        "Burst pipe in the road, water running down the street.|Water gushing from the pavement"
        " outside the house.|Big leak on the verge, the road is flooding.|Water main burst at"
        " the corner, pressure gone in the area.|Water bubbling up through the tar."
    ),
    "WATER_NO_WATER": _phrases(
        "No water since this morning.|Taps are dry, no notice of a shutdown was given.|No water"
        " in the whole street since last night.|Water off for two days now, elderly people in"
        " the house."
    ),
    "WATER_METER_LEAK": _phrases(
        "The water meter is leaking.|Leak at the meter box, water wasting all day.|Meter glass"
        " cracked and dripping.|Water leaking from the pipe next to the meter."
    ),
    "WATER_LOW_PRESSURE": _phrases(
        "Very low water pressure, the geyser does not fill.|Pressure drops every evening.|"
        "Only a trickle from the taps upstairs."
    ),
    "SEWER_BLOCKAGE": _phrases(
        "Sewer blocked, toilet not flushing.|Sewage backing up into the yard.|Blocked drain at"
        " the gulley, bad smell.|The sewer line is blocked again."
    ),
    "SEWER_OVERFLOW": _phrases(
        "Manhole overflowing into the street.|Raw sewage running down the road to the school."
        "|Sewage spilling from the manhole next to the park."
    ),
    "ELEC_OUTAGE": _phrases(
        "No electricity in the house.|Power out in the whole street.|Electricity off after the"
        " storm.|Half the houses in the road have no power.|Power tripped and did not come back"
        " after load-shedding."
    ),
    "ELEC_STREETLIGHT": _phrases(
        "Streetlight not working.|Three streetlights out, the road is dark at night.|Streetlight"
        " flickering all night.|Streetlight on during the day."
    ),
    "ELEC_PREPAID": _phrases(
        "Prepaid meter not accepting the token.|Prepaid meter shows an error code.|Bought"
        " electricity but the units did not load."
    ),
    "ELEC_CABLE": _phrases(
        "Cable stolen, wires hanging from the pole.|Exposed electrical wires at the mini-"
        "substation.|Open electricity box on the pavement, children play there."
    ),
    "ROADS_POTHOLE": _phrases(
        "Large pothole in the road.|Pothole damaged my tyre.|Several potholes after the rain.|"
        "Deep pothole at the intersection, cars swerve around it."
    ),
    "ROADS_BLOCKED_DRAIN": _phrases(
        "Stormwater drain blocked, road flooded.|Drain full of leaves and sand.|Water standing"
        " at the corner after every rain."
    ),
    "ROADS_TRAFFIC_SIGNAL": _phrases(
        "Traffic lights not working at the intersection.|Robot stuck on red.|Traffic signal"
        " flashing yellow."
    ),
    "ROADS_SIGN": _phrases("Stop sign knocked over.|Street name sign missing.|Road sign bent."),
    "WASTE_MISSED": _phrases(
        "Refuse not collected this week.|Bins not emptied on collection day.|The truck skipped"
        " our street again."
    ),
    "WASTE_DUMPING": _phrases(
        "Rubble and refuse dumped on the open field.|Illegal dumping next to the stormwater"
        " canal.|Someone dumps garden refuse on the corner every weekend.|Old mattresses and"
        " tyres dumped on the verge."
    ),
    "WASTE_BIN": _phrases(
        "Wheelie bin stolen, need a new one.|Bin broken by the truck.|New house, no bin"
        " delivered yet."
    ),
    "PARKS_TREE": _phrases(
        "Tree fell over the road in the wind.|Large branch hanging over the power lines.|Tree"
        " roots lifting the pavement."
    ),
    "PARKS_VERGE": _phrases(
        "Grass on the verge not cut for months.|Park overgrown, unsafe at night.|Weeds blocking"
        " the footpath."
    ),
    "BILL_QUERY": _phrases(
        "Please explain the charges on my account.|My account went up a lot this month.|I paid"
        " but the payment is not on my statement.|Request for a copy of my statement."
    ),
    "BILL_METER_DISPUTE": _phrases(
        "The meter reading on my account is wrong.|Charged on an estimate for six months.|"
        "Reading on the bill is higher than the meter shows."
    ),
    "BILL_CHARGE_DISPUTE": _phrases(
        "I dispute the sewerage charge on my account.|Charged business tariff for a home.|"
        "Interest charged although I paid on time."
    ),
    "BILL_INDIGENT": _phrases(
        "How do I apply for indigent relief?|Follow-up on my indigent application.|Pensioner,"
        " asking about the rates rebate."
    ),
    "CC_GENERAL": _phrases(
        "Asking about office hours at the walk-in centre.|Which documents are needed to open an"
        " account?|How to apply for a building plan.|Asking about the water restrictions."
    ),
    "CC_STAFF_CONDUCT": _phrases(
        "Rude staff member at the counter.|Nobody answered the call centre for an hour.|Staff"
        " member did not come back to me as promised."
    ),
    "CC_COMPLIMENT": _phrases(
        "Thank you to the team that fixed the pipe so quickly.|The call-centre agent was very"
        " helpful.|Well done on the new park.|Thanks to the electricians who worked through the"
        " night."
    ),
}
URGENT_SUFFIXES = _phrases(
    " Please send someone urgently.| This is the third time I report it.| Reference from last"
    " time not received.| Please phone me back."
)

RESOLUTIONS = {
    "WATER_BURST_PIPE": _phrases(
        "Pipe repaired and water restored.|Main repaired, verge reinstated."
    ),
    "WATER_NO_WATER": _phrases(
        "Valve opened and supply restored.|Burst main repaired, supply back."
    ),
    "WATER_METER_LEAK": _phrases("Meter coupling replaced.|Meter replaced."),
    "WATER_LOW_PRESSURE": _phrases("Pressure valve adjusted.|Blocked service pipe cleared."),
    "SEWER_BLOCKAGE": _phrases("Blockage cleared with the jetting truck.|Sewer line rodded."),
    "SEWER_OVERFLOW": _phrases("Manhole cleared and area disinfected.|Pump station restarted."),
    "ELEC_OUTAGE": _phrases("Fuse replaced and supply restored.|Faulty cable repaired."),
    "ELEC_STREETLIGHT": _phrases("Lamp and photocell replaced.|Faulty cable repaired."),
    "ELEC_PREPAID": _phrases("Meter reset and token loaded.|Meter keypad replaced."),
    "ELEC_CABLE": _phrases("Cable replaced and box secured.|Area made safe, cable replaced."),
    "ROADS_POTHOLE": _phrases("Pothole patched.|Road section resurfaced."),
    "ROADS_BLOCKED_DRAIN": _phrases("Drain cleared.|Drain cleared and grid replaced."),
    "ROADS_TRAFFIC_SIGNAL": _phrases("Signal controller repaired.|Signal head replaced."),
    "ROADS_SIGN": _phrases("Sign replaced.|Sign straightened and secured."),
    "WASTE_MISSED": _phrases("Refuse collected.|Collection done by the standby truck."),
    "WASTE_DUMPING": _phrases("Site cleared and signage put up.|Site cleared."),
    "WASTE_BIN": _phrases("New bin delivered.|Bin repaired."),
    "PARKS_TREE": _phrases("Tree removed.|Branch cut back from the lines."),
    "PARKS_VERGE": _phrases("Verge cut and cleaned.|Park mowed and cleaned."),
    "BILL_QUERY": _phrases(
        "Account explained to the customer.|Payment allocated to the account.|Statement sent."
    ),
    "BILL_METER_DISPUTE": _phrases(
        "Reading corrected and account adjusted.|Meter read again: the reading is correct,"
        " explained to the customer."
    ),
    "BILL_CHARGE_DISPUTE": _phrases(
        "Charge reversed.|Dispute investigated: the charge is correct, explained to the customer."
    ),
    "BILL_INDIGENT": _phrases("Application form sent.|Application approved."),
    "CC_GENERAL": _phrases("Information given to the customer."),
    "CC_STAFF_CONDUCT": _phrases("Apology given; the matter was taken up with the staff member."),
    "CC_COMPLIMENT": _phrases("Compliment passed on to the team."),
}
REASONS = {
    "pend": _phrases(
        "Waiting for the customer to give access.|Waiting for parts from stores.|Waiting for the"
        " contractor.|Customer must send a copy of the statement.|Waiting for a meter reading."
    ),
    "defer": _phrases(
        "Part of the planned road resurfacing.|Budget for the next financial year.|Needs a"
        " full pipe replacement, scheduled.|Waiting for the rainy season to end."
    ),
    "reforward": _phrases(
        "Logged with the wrong department.|Not our asset, belongs to another department.|"
        "Stormwater, not sewer."
    ),
    "escalate": _phrases(
        "Customer asked for a manager.|No progress reported.|Needs approval above the"
        " supervisor's limit."
    ),
    "escalate_sla": _phrases("Resolution time of the service level exceeded."),
    "reopen": _phrases(
        "Customer says the problem is back.|Repair did not hold.|Customer not satisfied with"
        " the answer."
    ),
}

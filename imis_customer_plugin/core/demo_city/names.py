"""Word lists for a South African-looking Demo City: people, streets, suburbs, companies.

Written for this project; the mix (Nguni, Sotho, Afrikaans, English, Cape Malay, Indian
names) is what a Western Cape municipality's customer register looks like. Lists are kept
as comma-separated text so they stay compact.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split(",") if word.strip())


FEMALE_FIRST_NAMES = _words(
    "Nomsa, Thandiwe, Lindiwe, Zanele, Ayanda, Nokuthula, Lerato, Palesa, Nandi, Sibongile,"
    "Thembeka, Nomvula, Busisiwe, Khanyisa, Anele, Asanda, Siphokazi, Noluthando, Yolanda,"
    "Zintle, Refilwe, Dineo, Karabo, Naledi, Boitumelo, Precious, Patience, Grace, Faith,"
    "Elizabeth, Sarah, Michelle, Nicole, Lauren, Jessica, Megan, Chantal, Charmaine, Natasha,"
    "Marlene, Elmarie, Annelie, Marietjie, Susanna, Liezl, Riana, Karin, Fatima, Shireen,"
    "Nazeema, Rukeya, Soraya, Aaliyah, Zainab, Tasneem, Priya, Kavitha, Anusha, Reshma,"
    "Deborah, Lynette, Beverley, Jacqueline"
)
MALE_FIRST_NAMES = _words(
    "Thabo, Sipho, Mandla, Bongani, Sibusiso, Themba, Lwazi, Siyabonga, Luthando, Xolani,"
    "Mzwandile, Lungile, Andile, Lonwabo, Athenkosi, Sizwe, Kagiso, Tshepo, Lebogang, Tebogo,"
    "Katlego, Neo, Teboho, Mpho, Johan, Pieter, Jacques, Hendrik, Gerhard, Francois, Willem,"
    "Stefan, Andre, Riaan, Christo, Danie, Jan, Kobus, Marius, Wynand, John, Michael, David,"
    "Peter, Mark, Brian, Craig, Grant, Mogamat, Riyaad, Yusuf, Ebrahim, Ismail, Faiek,"
    "Waleed, Shaheed, Rajesh, Suresh, Pravin, Kevin, Clive, Ashley, Desmond, Reginald"
)
SURNAMES = _words(
    "Ndlovu, Dlamini, Nkosi, Mokoena, Khumalo, Sithole, Mthembu, Mkhize, Zulu, Xaba, Majola,"
    "Mahlangu, Ngcobo, Buthelezi, Zungu, Mabaso, Mbeki, Tshabalala, Mofokeng, Molefe, Nkuna,"
    "Baloyi, Maluleke, Shabangu, Qwabe, Gqola, Ntuli, Mdlalose, Madikizela, Sokhela, Mqadi,"
    "Jola, Mabandla, Nqayi, Dyantyi, Mgijima, Matiwane, Ntsebeza, Sotyato, Booi,"
    "van der Merwe, Botha, du Plessis, van Wyk, Pretorius, Venter, Steyn, Nel, Coetzee,"
    "Fourie, Jacobs, le Roux, Kruger, Swanepoel, Erasmus, Adams, Petersen, Hendricks,"
    "Williams, Abrahams, Isaacs, Davids, Fortuin, Februarie, Booysen, Cloete, Daniels, Jansen,"
    "Mentoor, Arendse, September, Pillay, Naidoo, Govender, Moodley, Reddy, Chetty, Singh,"
    "Maharaj, Smith, Brown, Jones, Taylor, Wilson, Johnson, Walker, Thompson, Ebrahim, Parker,"
    "Solomons, Salie, Jaftha, Kannemeyer, Oliphant, Meyer"
)

# One theme per cell: the local streets of a neighbourhood share a theme, as they do.
STREET_THEMES = (
    _words(
        "Protea, Erica, Disa, Arum, Freesia, Gladiolus, Watsonia, Agapanthus, Strelitzia,"
        "Clivia, Vygie, Pincushion, Daisy, Lily, Iris, Jasmine"
    ),
    _words(
        "Oak, Yellowwood, Stinkwood, Milkwood, Wild Olive, Cypress, Silver Tree, Camphor,"
        "Keurboom, Acacia, Willow, Poplar, Jacaranda, Pepper Tree, Coral Tree, Cedar"
    ),
    _words(
        "Breede, Berg River, Olifants, Gourits, Eerste, Liesbeek, Black River, Diep, Lourens,"
        "Kuils, Sout, Palmiet, Krom, Touws, Gamtoos, Orange"
    ),
    _words(
        "Kingfisher, Heron, Sunbird, Sugarbird, Weaver, Hadeda, Ibis, Oystercatcher, Kestrel,"
        "Falcon, Robin, Dove, Swallow, Loerie, Plover, Flamingo"
    ),
    _words(
        "Mandela, Sisulu, Tambo, Biko, Luthuli, Sobukwe, Ngoyi, Helen Joseph, Bram Fischer,"
        "Slovo, Hani, Mxenge, Kathrada, Goldberg, Suzman, Dadoo"
    ),
    _words(
        "Table, Lion, Devil, Signal, Constantia, Kogel, Helderberg, Simonsberg, Hottentots,"
        "Jonkershoek, Drakenstein, Paarl, Tygerberg, Steenberg, Muizenberg, Elsies"
    ),
    _words(
        "Jupiter, Saturn, Mercury, Venus, Mars, Orion, Pegasus, Sirius, Vega, Antares, Aquila,"
        "Lyra, Draco, Centaurus, Crux, Phoenix"
    ),
    _words(
        "Malva, Rooibos, Buchu, Fynbos, Renosterbos, Sewejaartjie, Kukumakranka, Suurvy,"
        "Spekboom, Bietou, Kraalbos, Waboom, Kreupelhout, Sandolien, Taaibos, Kiepersol"
    ),
)
STREET_KINDS = _words("Street, Street, Street, Road, Avenue, Crescent, Close, Way, Lane, Drive")
ARTERIAL_NAMES = _words(
    "Voortrekker, Main, Klipfontein, Lansdowne, Govan Mbeki, Jan Smuts, Robert Sobukwe,"
    "Vanguard, Prince George, Ottery, Strandfontein, Modderdam, Borcherds Quarry, Bosmansdam,"
    "Koeberg, Durban, Old Paarl, Belhar, Symphony, De Villiers, Baden Powell, Swartklip,"
    "Weltevreden, Spine, Kuils River, Highlands, Duinefontein, Imam Haron, Kromboom, Rhodes,"
    "Union, Victoria, Church, Station, Buitengracht, Strand, Long, Eisleben, Japonica,"
    "Oliver Tambo"
)
ARTERIAL_KINDS = _words("Road, Road, Drive, Avenue, Boulevard, Parkway")

SUBURB_PREFIXES = _words(
    "Rose, Green, Oak, Wood, Belle, Kuils, Blue, Silver, Golden, Sun, Fair, Spring, River,"
    "Sea, Hill, Glen, Pine, Park, Kloof, Berg, Vlei, Dune, Fynbos, Protea, Lang, Nieu, Wes,"
    "Oos, Suid, Noord, Eden, Brack, Beacon, Ocean, Harbour, Sand, Mountain, Valley, Heron,"
    "Eerste, Lourens, Wyn, Rond, Kenil, Klein, Groot, Nyanga, Khaya"
)
SUBURB_SUFFIXES = _words(
    "dale, vale, park, ville, bosch, kloof, wood, view, ridge, field, haven, fontein, heuwel,"
    "rand, hof, lands, sig, mead, dal, berg, dene, crest, hurst, stad, ton"
)
SUBURB_QUALIFIERS = _words("Heights, Gardens, Village, Estate, East, West, North, South, Central")

COMPANY_WORDS = _words(
    "Cape, Atlantic, Boland, Table Bay, Southern, Fynbos, Harbour, Mountain, Protea, Kaap,"
    "Summit, Ubuntu, Masakhane, Sizwe, Unity, Crown, Peninsula"
)
COMPANY_KINDS = _words(
    "Properties (Pty) Ltd, Trading CC, Holdings (Pty) Ltd, Investments (Pty) Ltd,"
    "Logistics (Pty) Ltd, Engineering CC, Motors (Pty) Ltd, Foods (Pty) Ltd"
)
EMAIL_DOMAINS = _words(
    "gmail.com, gmail.com, yahoo.co.za, webmail.co.za, outlook.com, mweb.co.za, telkomsa.net,"
    "icloud.com, iafrica.com"
)

"""Invented people: given and family names by broad naming tradition, common in England.

Each ethnic category draws its names from one or more pools, so names are plausible for the
recorded ethnicity without being tied to it. No combination is meant to describe a real person.
"""

from typing import NamedTuple

from steptwo.demo.randomness import Weighted
from steptwo.patients.codes import EthnicCategory

POOLS = {
    "british": {
        "female": [
            "Olivia", "Emily", "Sophie", "Jessica", "Charlotte", "Hannah", "Lauren", "Rebecca", "Amy",
            "Sarah", "Laura", "Emma", "Rachel", "Katie", "Gemma", "Claire", "Nicola", "Karen", "Joanne",
            "Lisa", "Michelle", "Susan", "Julie", "Helen", "Deborah", "Margaret", "Patricia", "Jean",
            "Carol", "Linda", "Christine", "Ellie", "Chloe", "Megan", "Holly", "Abigail", "Grace", "Lucy",
            "Zoe", "Beth", "Kirsty", "Natalie", "Danielle", "Shannon", "Paige", "Jade", "Leanne",
        ],
        "male": [
            "Jack", "Thomas", "James", "Daniel", "Joshua", "Matthew", "Ryan", "Luke", "Callum", "Liam",
            "Connor", "Adam", "Jamie", "Ben", "Craig", "Lee", "Mark", "Paul", "Andrew", "David",
            "Stephen", "Gary", "Neil", "Darren", "Ian", "Kevin", "Peter", "John", "Michael", "Robert",
            "Brian", "Keith", "Graham", "Colin", "Owen", "Rhys", "Harry", "George", "Oliver", "Nathan",
            "Jordan", "Kieran", "Scott", "Alan", "Dean", "Martin", "Simon",
        ],
        "family": [
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
            "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
            "Jackson", "Clarke", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward",
            "Harris", "Lewis", "King", "Baker", "Harrison", "Morgan", "Allen", "Mitchell", "Campbell",
            "Stewart", "Scott", "Marshall", "Barker", "Holmes", "Fletcher", "Price", "Lloyd", "Shaw",
            "Atkinson", "Dixon", "Pearson", "Hewitt", "Hartley", "Bennett", "Chapman", "Foster",
            "Lawrence", "Bailey", "Cox", "Richardson", "Webb", "Parker", "Rowe", "Sutton", "Gibson",
        ],
    },
    "irish": {
        "female": ["Siobhan", "Niamh", "Aoife", "Ciara", "Orla", "Roisin", "Mary", "Bridget", "Sinead", "Grainne"],
        "male": ["Sean", "Declan", "Conor", "Cian", "Padraig", "Eoin", "Ciaran", "Liam", "Patrick", "Brendan"],
        "family": [
            "Murphy", "Kelly", "O'Brien", "Byrne", "Walsh", "Ryan", "O'Connor", "Doyle", "Brennan",
            "Gallagher", "McCarthy", "Quinn", "O'Sullivan", "Kavanagh", "Fitzgerald", "Duffy",
        ],
    },
    "european": {
        "female": [
            "Anna", "Agnieszka", "Katarzyna", "Magdalena", "Ioana", "Elena", "Maria", "Ana", "Kristina",
            "Giulia", "Sofia", "Joanna", "Daiva", "Eva", "Monika", "Andreea", "Beatriz", "Zuzana",
        ],
        "male": [
            "Piotr", "Tomasz", "Krzysztof", "Andrei", "Mihai", "Marius", "Jonas", "Lukas", "Mateusz",
            "Paweł", "Luca", "Marco", "João", "Dimitris", "Stefan", "Tomáš", "Bogdan", "Miguel",
        ],
        "family": [
            "Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Popescu", "Ionescu", "Dumitru", "Silva",
            "Santos", "Ferreira", "Rossi", "Russo", "Bianchi", "Horváth", "Kovács", "Novák", "Müller",
            "Schmidt", "Jansen", "García", "Fernández", "Costa", "Marin",
        ],
    },
    "indian": {
        "female": [
            "Priya", "Anjali", "Sunita", "Pooja", "Neha", "Kiran", "Simran", "Harpreet", "Jaspreet",
            "Meena", "Rekha", "Divya", "Nisha", "Asha", "Shreya", "Manpreet",
        ],
        "male": [
            "Raj", "Sanjay", "Vikram", "Arjun", "Rohan", "Amit", "Harjit", "Gurpreet", "Sukhdev", "Rahul",
            "Vijay", "Nikhil", "Dev", "Kunal", "Manjit", "Ravi",
        ],
        "family": [
            "Patel", "Shah", "Sharma", "Singh", "Gill", "Sandhu", "Mistry", "Parmar", "Joshi", "Desai",
            "Kumar", "Dhillon", "Bains", "Chauhan", "Mehta", "Lal", "Virdee", "Solanki",
        ],
    },
    "pakistani_bangladeshi": {
        "female": [
            "Aisha", "Fatima", "Ayesha", "Zainab", "Sana", "Nusrat", "Farzana", "Shabana", "Rukhsana",
            "Nasreen", "Amira", "Sadia", "Hafsa", "Maryam", "Shamima", "Tahmina",
        ],
        "male": [
            "Mohammed", "Muhammad", "Ahmed", "Ali", "Imran", "Asif", "Tariq", "Bilal", "Hamza", "Usman",
            "Abdul", "Shahid", "Rashid", "Zubair", "Saiful", "Shahed",
        ],
        "family": [
            "Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Akhtar", "Mahmood", "Rahman", "Uddin", "Islam",
            "Miah", "Chowdhury", "Bhatti", "Malik", "Siddiqui", "Qureshi", "Butt", "Rashid",
        ],
    },
    "black_african": {
        "female": [
            "Abena", "Ama", "Chioma", "Ngozi", "Adaeze", "Blessing", "Grace", "Faith", "Precious", "Amara",
            "Fatou", "Hodan", "Fadumo", "Ifeoma", "Yetunde", "Folake", "Ruth", "Esther",
        ],
        "male": [
            "Kwame", "Kofi", "Chinedu", "Emeka", "Oluwaseun", "Tunde", "Femi", "Samuel", "Emmanuel",
            "Ibrahim", "Abdi", "Mohamed", "Tendai", "Tafadzwa", "Joseph", "Isaac",
        ],
        "family": [
            "Okafor", "Okoye", "Adeyemi", "Adebayo", "Mensah", "Asante", "Boateng", "Owusu", "Nwosu",
            "Eze", "Ogunleye", "Abdi", "Farah", "Hassan", "Warsame", "Moyo", "Ndlovu", "Kamara", "Diallo",
        ],
    },
    "caribbean": {
        "female": ["Shanice", "Kerry-Ann", "Marcia", "Beverley", "Jasmine", "Tanisha", "Simone", "Paulette", "Janelle"],
        "male": ["Marlon", "Delroy", "Winston", "Leon", "Tyrone", "Andre", "Carlton", "Devon", "Jermaine"],
        "family": [
            "Campbell", "Thomas", "Williams", "Brown", "Grant", "Francis", "Reid", "Clarke", "Richards",
            "Johnson", "Henry", "Morris", "Gordon", "McKenzie", "Barrett", "Powell", "Edwards",
        ],
    },
    "chinese": {
        "female": ["Mei", "Li", "Xiao", "Ying", "Jing", "Hui", "Wing", "Man Yee", "Lin", "Yan"],
        "male": ["Wei", "Jun", "Hao", "Ming", "Chi Keung", "Kai", "Yong", "Tao", "Ka Ho", "Bo"],
        "family": ["Chen", "Wang", "Li", "Zhang", "Liu", "Wong", "Chan", "Lee", "Cheung", "Lam", "Ho", "Ng", "Yip"],
    },
    "middle_eastern": {
        "female": ["Fatima", "Maryam", "Leila", "Noor", "Yasmin", "Rania", "Zahra", "Dina", "Shirin", "Elif"],
        "male": ["Omar", "Ahmad", "Karim", "Hassan", "Yusuf", "Ali", "Reza", "Dara", "Samir", "Khalid", "Emre"],
        "family": [
            "Hassan", "Abdullah", "Haddad", "Karimi", "Ahmadi", "Hosseini", "Rahimi", "Saleh", "Mansour",
            "Nasser", "Aziz", "Yilmaz", "Demir", "Kaya",
        ],
    },
}  # fmt: skip

_MIXED = {"british": 60, "caribbean": 8, "black_african": 8, "indian": 6, "pakistani_bangladeshi": 6,
          "chinese": 4, "middle_eastern": 4, "european": 4}  # fmt: skip
_ANY = {"british": 78, "irish": 2, "european": 7, "indian": 4, "pakistani_bangladeshi": 4,
        "black_african": 2, "caribbean": 1, "chinese": 1, "middle_eastern": 1}  # fmt: skip

# Which pools each ethnic category's names come from (given and family names drawn separately
# for mixed categories, so "Jasmine Okafor" and "Callum Patel" both occur).
POOLS_BY_ETHNICITY = {
    EthnicCategory.WHITE_BRITISH: Weighted({"british": 97, "irish": 3}),
    EthnicCategory.WHITE_IRISH: Weighted({"irish": 80, "british": 20}),
    EthnicCategory.WHITE_OTHER: Weighted({"european": 85, "british": 15}),
    EthnicCategory.MIXED_WHITE_BLACK_CARIBBEAN: Weighted({"british": 55, "caribbean": 45}),
    EthnicCategory.MIXED_WHITE_BLACK_AFRICAN: Weighted({"british": 55, "black_african": 45}),
    EthnicCategory.MIXED_WHITE_ASIAN: Weighted({"british": 50, "indian": 25, "pakistani_bangladeshi": 15, "chinese": 10}),
    EthnicCategory.MIXED_OTHER: Weighted(_MIXED),
    EthnicCategory.ASIAN_INDIAN: Weighted({"indian": 90, "pakistani_bangladeshi": 10}),
    EthnicCategory.ASIAN_PAKISTANI: Weighted({"pakistani_bangladeshi": 100}),
    EthnicCategory.ASIAN_BANGLADESHI: Weighted({"pakistani_bangladeshi": 100}),
    EthnicCategory.ASIAN_OTHER: Weighted({"indian": 40, "pakistani_bangladeshi": 20, "chinese": 25, "middle_eastern": 15}),
    EthnicCategory.BLACK_CARIBBEAN: Weighted({"caribbean": 85, "british": 15}),
    EthnicCategory.BLACK_AFRICAN: Weighted({"black_african": 100}),
    EthnicCategory.BLACK_OTHER: Weighted({"black_african": 50, "caribbean": 35, "british": 15}),
    EthnicCategory.CHINESE: Weighted({"chinese": 100}),
    EthnicCategory.OTHER: Weighted({"middle_eastern": 70, "european": 15, "british": 15}),
    EthnicCategory.NOT_STATED: Weighted(_ANY),
    EthnicCategory.NOT_KNOWN: Weighted(_ANY),
}  # fmt: skip

MIXED_CATEGORIES = frozenset(
    {
        EthnicCategory.MIXED_WHITE_BLACK_CARIBBEAN,
        EthnicCategory.MIXED_WHITE_BLACK_AFRICAN,
        EthnicCategory.MIXED_WHITE_ASIAN,
        EthnicCategory.MIXED_OTHER,
    }
)

# Some people go by a shorter name; a few of these become a patient's preferred name.
SHORT_NAMES = {
    "Rebecca": "Becky", "Margaret": "Maggie", "Patricia": "Trish", "Christine": "Chris", "Abigail": "Abi",
    "Deborah": "Debbie", "Jessica": "Jess", "Charlotte": "Charlie", "Natalie": "Nat", "Katarzyna": "Kasia",
    "Magdalena": "Magda", "Thomas": "Tom", "James": "Jim", "Daniel": "Dan", "Joshua": "Josh",
    "Matthew": "Matt", "Michael": "Mike", "Robert": "Rob", "Andrew": "Andy", "Stephen": "Steve",
    "Benjamin": "Ben", "Nathan": "Nate", "Mohammed": "Mo", "Muhammad": "Mo", "Oluwaseun": "Seun",
    "Krzysztof": "Kris", "Padraig": "Paddy", "Patrick": "Pat", "Alexander": "Alex", "Samuel": "Sam",
    "Emmanuel": "Manny", "Chi Keung": "Keung", "Man Yee": "Mandy",
}  # fmt: skip


class Name(NamedTuple):
    given: str
    family: str
    pool: str  # where the given name came from: a hint at which languages the person may speak


def person_name(rng, ethnicity, sex):
    """A name for someone of this ethnic category; sex is "female" or "male"."""
    pools = POOLS_BY_ETHNICITY[ethnicity]
    given_pool = pools.pick(rng)
    family_pool = pools.pick(rng) if ethnicity in MIXED_CATEGORIES else given_pool
    return Name(rng.choice(POOLS[given_pool][sex]), rng.choice(POOLS[family_pool]["family"]), given_pool)

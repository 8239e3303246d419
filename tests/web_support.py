"""The pages the browser tests open (tests/web): name -> path on a server over data/."""

PAGES = {
    "home": "/",
    "search": "/search?q=南京",
    "search-filtered": "/search?q=南京&type=Place",
    "search-none": "/search?q=龘龘龘",
    "person": "/entity/person/zhu-yuanzhang",
    "place": "/entity/place/nanjing",
    "place-map": "/entity/place/shuiyangzhen-1820",
    "period": "/entity/period/ming",
    "event": "/entity/event/linshi-zhengfu-chengli",
    "ontology": "/ontology",
    "query": "/query",
    "document": "/works/documents/ming-xiaoling",
    "interview": "/works/oral-history/JL-OH-SAMPLE-002",
    "book": "/instances/ancient-books/320100-0000-0000001",
    "home-en": "/?lang=en",
}

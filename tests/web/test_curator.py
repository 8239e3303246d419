"""The curators' pages in Chromium: a login with a curator token, then accepting a machine
link, merging two entities and undoing the merge, all through the pages."""

import re

from support import jinling

JL = "https://kg.jllib.cn/ontology#"
DUPLICATES = """
@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://kg.jllib.cn/entity/person/test-gu-kaizhi> a jl:Person ;
    skos:prefLabel "顾恺之"@zh-hans ; jl:birthYear 348 .
<https://kg.jllib.cn/entity/person/test-gu-changkang> a jl:Person ;
    skos:prefLabel "顾长康"@zh-hans ; skos:note "顾恺之之字"@zh-hans .
"""


def test_curator_pages_need_a_login(site, watched, shoot):
    page = watched.page
    watched.open(site.url + "/curator/history")
    assert "/curator/login" in page.url
    page.get_by_label("访问令牌").fill("jl_nobody_notatoken")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").is_visible()
    shoot(page, "curator-login")


def test_curator_accepts_a_machine_link(site, curator, shoot):
    page = curator.page
    shoot(page, "curator-review")
    first = page.locator("table.review tbody tr").first
    mention = first.locator("input[name=mention]").get_attribute("value")
    first.get_by_role("button", name=re.compile("^接受")).click()
    page.wait_for_url(re.compile(r"/curator\?done=\d+"))
    assert "已完成" in page.get_by_role("status").inner_text()
    decided = page.locator(f'table.review input[name=mention][value="{mention}"]')
    assert decided.count() == 0  # off the queue of undecided links


def test_curator_merges_two_entities_and_undoes_it(site, curator, shoot, tmp_path):
    (tmp_path / "dup.ttl").write_text(DUPLICATES, encoding="utf-8")
    jinling(site.env, "load", str(tmp_path / "dup.ttl"), "--graph", "kb")
    page = curator.page
    page.get_by_role("link", name="合并实体").click()
    page.get_by_label("被并入").fill("/entity/person/test-gu-changkang")
    page.get_by_label("保留").fill("/entity/person/test-gu-kaizhi")
    page.get_by_role("button", name="合并", exact=True).click()
    page.wait_for_url(re.compile(r"/curator/merge\?done=\d+"))
    shoot(page, "curator-merged")
    curator.open(site.url + "/entity/person/test-gu-changkang")
    assert page.url.endswith("/entity/person/test-gu-kaizhi")  # the merged IRI leads there
    assert "顾长康" in page.content()  # its name came along

    curator.open(site.url + "/curator/history")
    shoot(page, "curator-history")
    page.locator("table.history tbody tr").first.get_by_role("button", name=re.compile("撤销")).click()
    page.wait_for_url(re.compile(r"/curator/history\?done=\d+"))
    curator.open(site.url + "/entity/person/test-gu-changkang")
    assert page.url.endswith("/entity/person/test-gu-changkang")
    assert page.locator("h1").inner_text() == "顾长康"


def test_curator_forms_refuse_a_post_without_the_form_key(site, curator):
    answer = curator.page.request.post(site.url + "/curator/review", form={
        "form_key": "forged", "mention": "https://kg.jllib.cn/x", "decision": "accept"},
        max_redirects=0)
    assert answer.status == 303 and "error=" in answer.headers["location"]


def test_curator_edits_facts_on_an_entity_page_and_undoes_it(site, curator, shoot):
    page = curator.page
    curator.open(site.url + "/entity/person/zheng-he")
    page.get_by_label("属性").select_option(JL + "alias")
    page.get_by_label("值", exact=True).fill("郑三宝")
    page.get_by_role("button", name="添加", exact=True).click()
    page.wait_for_url(re.compile(r"/entity/person/zheng-he\?(done|error)="))
    assert "done=" in page.url, page.url
    made = [page.url.rsplit("=", 1)[-1]]
    assert "郑三宝" in page.locator("table").first.inner_text()
    page.get_by_label("属性").select_option(JL + "burialPlace")
    page.get_by_label("值", exact=True).fill("/entity/place/nanjing")
    page.get_by_role("button", name="添加", exact=True).click()
    page.wait_for_url(re.compile(r"done="))
    made.append(page.url.rsplit("=", 1)[-1])
    assert page.get_by_role("row", name=re.compile("^葬地")).get_by_role("link", name="南京").count()
    shoot(page, "curator-entity-edit")
    page.get_by_label("属性").select_option(JL + "birthYear")
    page.get_by_label("值", exact=True).fill("明初")
    page.get_by_role("button", name="添加", exact=True).click()
    page.wait_for_url(re.compile(r"/curator\?error="))  # a year must be a number
    page.get_by_role("alert").wait_for()
    for number in reversed(made):  # both edits, from the history of the entity
        curator.open(site.url + "/curator/history?about=/entity/person/zheng-he")
        page.get_by_role("button", name=f"撤销 #{number}").click()
        page.wait_for_url(re.compile(r"/curator/history\?done=\d+"))
    curator.open(site.url + "/entity/person/zheng-he")
    assert "郑三宝" not in page.content() and not page.get_by_role("row", name=re.compile("^葬地")).count()


def test_curator_splits_an_entity_and_undoes_it(site, curator, shoot, tmp_path):
    (tmp_path / "dup.ttl").write_text(DUPLICATES, encoding="utf-8")
    jinling(site.env, "load", str(tmp_path / "dup.ttl"), "--graph", "kb")
    page = curator.page
    curator.open(site.url + "/entity/person/test-gu-changkang")
    page.get_by_role("link", name="拆分实体").click()
    page.wait_for_url(re.compile(r"/curator/split\?entity="))
    page.get_by_label(re.compile("顾恺之之字")).check()
    page.get_by_label("新实体的名称").fill("顾长康之注")
    shoot(page, "curator-split")
    page.get_by_role("button", name="拆分", exact=True).click()
    page.wait_for_url(re.compile(r"/curator/history\?done=\d+"))
    assert "Split" in page.locator("table.history tbody tr").first.inner_text()
    curator.open(site.url + "/entity/person/test-gu-changkang")
    assert "顾恺之之字" not in page.content()  # the note moved to the new entity
    page.get_by_role("link", name="本实体的变更历史").click()
    page.locator("table.history tbody tr").first.get_by_role("button", name=re.compile("撤销")).click()
    page.wait_for_url(re.compile(r"/curator/history\?done=\d+"))
    curator.open(site.url + "/entity/person/test-gu-changkang")
    assert "顾恺之之字" in page.content()


def test_revoking_the_token_ends_the_session(site, browser):
    made = jinling(site.env, "token", "create", "--role", "curator").stdout.split()
    token, token_id = made[-1], made[-1].split("_")[1]
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(site.url + "/curator/login")
    page.get_by_label("访问令牌").fill(token)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/curator$"))
    jinling(site.env, "token", "revoke", token_id)
    page.goto(site.url + "/curator/history")
    assert "/curator/login" in page.url
    context.close()

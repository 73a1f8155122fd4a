"""The reader's pages of `resograph serve` in a real browser: Debian's headless Chromium,
driven by Selenium through Debian's chromedriver (both installed by tests/python/run). The
tests fill the question form and submit it, then assert on the rendered DOM: paragraph 13
of the reference document for UNODC and "biometric data", its text with the addressee and
the topic marked, the link to the paragraph on its document's page, where the mandate's
verb, addressee, partners and conditions are marked. A screenshot of each
page is kept in $RESOGRAPH_SCREENSHOTS (default: the test's temporary directory)."""

import os
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def wait_for(browser, css):
    """The elements matching `css` once the page that shows them has loaded (a click does
    not wait for the page it opens)."""
    return WebDriverWait(browser, 30).until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, css)))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        if os.environ.get("RESOGRAPH_REQUIRE_SERVERS") == "1":
            pytest.fail("chromium and chromedriver are not installed (tests/python/run installs them)")
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(flag)
    b = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    yield b
    b.quit()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    where = os.environ.get("RESOGRAPH_SCREENSHOTS")
    path = Path(where) if where else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_the_question_form_finds_paragraph_13(server, browser, screenshots):
    browser.get(server + "/")
    # The form suggests actors and topics from the registries.
    assert browser.find_elements(By.CSS_SELECTOR, "datalist#actors option")
    assert browser.find_elements(By.CSS_SELECTOR, "datalist#topics option")
    browser.find_element(By.ID, "to").send_keys("UNODC")
    browser.find_element(By.ID, "topic").send_keys("biometric data")
    browser.save_screenshot(str(screenshots / "home.png"))
    browser.find_element(By.ID, "ask").click()
    answers = wait_for(browser, "div.answer")
    assert "/requests?" in browser.current_url
    assert answers, browser.page_source[:2000]
    links = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "div.answer a.paragraph-link")]
    assert "paragraph 13" in links, links
    first = next(a for a in answers if "paragraph 13" in a.text)
    marked = [m.text for m in first.find_elements(By.CSS_SELECTOR, "mark.addressee")]
    assert any("Office on Drugs and Crime" in m for m in marked), marked
    topics = [m.text.lower() for m in first.find_elements(By.CSS_SELECTOR, "mark.topic")]
    assert any("biometric" in t for t in topics), topics
    browser.save_screenshot(str(screenshots / "requests.png"))
    # The paragraph on its document's page, with its mandate linked to the actor's page.
    first.find_element(By.CSS_SELECTOR, "a.paragraph-link").click()
    paragraph = wait_for(browser, "#para_13")[0]
    assert "biometric data" in paragraph.text
    # The mandate marked: verb, addressee, partners, conditions.
    marks = {m.get_attribute("class"): m.text for m in paragraph.find_elements(By.CSS_SELECTOR, "mark")}
    assert marks.get("verb") == "Requests", marks
    assert "Criminal Police Organization" in paragraph.find_element(By.CSS_SELECTOR, "mark.partner").text
    conditions = [m.text for m in paragraph.find_elements(By.CSS_SELECTOR, "mark.condition")]
    assert "upon request" in conditions, conditions
    actor_links = [a.get_attribute("href") for a in paragraph.find_elements(By.CSS_SELECTOR, ".mandate a")]
    assert any(h.endswith("/actor/unodc") for h in actor_links), actor_links
    browser.save_screenshot(str(screenshots / "document.png"))
    browser.get(server + "/actor/unodc")
    wait_for(browser, "table td")
    assert "mandates asked of United Nations Office on Drugs and Crime" in browser.page_source
    browser.save_screenshot(str(screenshots / "actor.png"))


def test_the_sparql_page_runs_a_query(server, browser, screenshots):
    browser.get(server + "/sparql")
    box = browser.find_element(By.ID, "query")
    box.clear()
    box.send_keys("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    browser.find_element(By.ID, "run").click()
    cells = wait_for(browser, "table.results td")
    assert cells and int(cells[0].text) > 1000, browser.page_source[:2000]
    # The canned queries are listed.
    assert "requests-to-actor-on-topic" in browser.page_source
    browser.save_screenshot(str(screenshots / "sparql.png"))

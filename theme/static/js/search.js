/* Site search (站内搜索): runs the search form's query against the Pagefind
   index in the browser and lists the results.  The form is plain HTML sent
   with GET, so a search and its filters live in the page's URL: it can be
   bookmarked, shared and returned to with the Back button.  The result count
   goes to a status region, which screen readers announce; focus stays where
   the reader left it, except that "显示更多结果" moves it to the first new result. */
(function () {
  "use strict";

  const PAGE_SIZE = 10;
  const form = document.getElementById("search-form");
  if (!form) {
    return;
  }
  // Shown now, so its status region is there before the first search is announced in it.
  document.getElementById("search-results").hidden = false;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-result-list");
  const moreButton = document.getElementById("search-more");
  const template = document.getElementById("search-result-template");
  const fields = ["q", "node", "year", "sort"];
  const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  let indexes = null;
  let results = [];
  let searchCount = 0;
  let description = "";

  /* The index comes in shards of the items by date, newest first
     (plugins/site_search/index.py); each is its own Pagefind bundle. */
  function loadIndexes() {
    if (!indexes) {
      indexes = Promise.all(form.dataset.indexes.split(" ").map(async (url) => {
        const module = await import(new URL(url, document.baseURI).href);
        await module.init();
        return module;
      }));
    }
    return indexes;
  }

  /* Every shard's results: by score, or, sorted by date, shard after shard. */
  async function searchAll(shards, term, options) {
    const found = await Promise.all(shards.map((shard) => shard.search(term, options)));
    const results = found.flatMap((each) => each.results);
    return options.sort ? results : results.sort((a, b) => b.score - a.score);
  }

  /* The index holds punctuation as spaces and Chinese as overlapping
     character pairs, each run of Han characters followed by its last character
     (index_text in plugins/site_search/records.py); a query is cut the same way. */
  function indexTerms(text) {
    return text.replace(/[^\p{L}\p{N}_]+/gu, " ").replace(HAN_RUN, (run) => {
      const pairs = [];
      for (let i = 0; i < run.length - 1; i += 1) {
        pairs.push(run.slice(i, i + 2));
      }
      pairs.push(run.slice(-1));
      return ` ${pairs.join(" ")} `;
    }).replace(/\s+/g, " ").trim();
  }

  /* The word the index holds for a whole index or document number
     (identifier_token in plugins/site_search/records.py). */
  function identifierToken(text) {
    const kept = Array.from(text.toLowerCase()).filter((char) => /[\p{L}\p{N}]/u.test(char)).join("");
    const letter = (halfByte) => String.fromCharCode(97 + halfByte);
    return "qq" + Array.from(new TextEncoder().encode(kept), (byte) => letter(byte >> 4) + letter(byte & 15)).join("") + "z";
  }

  /* The item whose index or document number the query is comes first, then
     the items holding every word of the query.  Sorted by date, only the
     second search counts. */
  async function findItems(shards, text, options) {
    if (!text) {
      return searchAll(shards, null, options);
    }
    const [named, words] = await Promise.all([
      options.sort ? null : searchAll(shards, identifierToken(text), options),
      searchAll(shards, indexTerms(text), options),
    ]);
    if (!named) {
      return words;
    }
    const first = new Set(named.map((result) => result.id));
    return [...named, ...words.filter((result) => !first.has(result.id))];
  }

  function queryFrom(params) {
    const query = {};
    fields.forEach((name) => { query[name] = (params.get(name) || "").trim(); });
    return query;
  }

  function fillForm(query) {
    fields.forEach((name) => {
      const control = form.elements[name];
      control.value = query[name];
      if (control.tagName === "SELECT" && control.selectedIndex < 0) {
        control.selectedIndex = 0;
        query[name] = "";
      }
    });
  }

  function optionLabel(name, value) {
    const option = Array.from(form.elements[name].options).find((each) => each.value === value);
    return option ? option.textContent.trim() : value;
  }

  function describe(query) {
    const parts = [];
    if (query.q) {
      parts.push(`搜索词“${query.q}”`);
    }
    if (query.node) {
      parts.push(`目录分类“${optionLabel("node", query.node)}”`);
    }
    if (query.year) {
      parts.push(`${query.year}年发布`);
    }
    return parts.join("，");
  }

  function renderResult(data) {
    const item = template.content.firstElementChild.cloneNode(true);
    const link = item.querySelector("a");
    link.href = data.url;
    link.textContent = data.meta.title;
    if (data.meta.lang && data.meta.lang !== document.documentElement.lang) {
      link.lang = data.meta.lang;
      link.dir = data.meta.dir || "ltr";
    }
    item.querySelectorAll("[data-field]").forEach((element) => {
      const value = data.meta[element.dataset.field];
      if (value) {
        element.textContent = value;
      } else {
        (element.closest(".search-result__meta > div") || element).remove();
      }
    });
    return item;
  }

  async function showMore(search, moveFocus) {
    const start = list.children.length;
    const batch = await Promise.all(results.slice(start, start + PAGE_SIZE).map((result) => result.data()));
    if (search !== searchCount) {
      return;
    }
    batch.forEach((data) => list.append(renderResult(data)));
    moreButton.parentElement.hidden = list.children.length >= results.length;
    if (moveFocus) {
      list.children[start].querySelector("a").focus();
    }
  }

  function countNote() {
    const shown = results.length > list.children.length ? `，已显示前 ${list.children.length} 条` : "";
    return `找到 ${results.length} 条信息（${description}）${shown}。`;
  }

  async function run(query) {
    const search = ++searchCount;
    results = [];
    list.replaceChildren();
    moreButton.parentElement.hidden = true;
    if (!query.q && !query.node && !query.year) {
      status.textContent = "请输入搜索词，或选择目录分类、发布年份，然后按“搜索”按钮。";
      return;
    }
    status.textContent = "正在搜索……";
    description = describe(query);
    let found;
    try {
      const shards = await loadIndexes();
      const filters = {};
      if (query.node) {
        filters.node = query.node;
      }
      if (query.year) {
        filters.year = query.year;
      }
      found = await findItems(shards, query.q, query.sort === "date" ? { filters, sort: { date: "desc" } } : { filters });
    } catch (error) {
      if (search === searchCount) {
        status.textContent = "搜索暂时无法使用，请稍后再试，或通过信息公开目录查找信息。";
      }
      return;
    }
    if (search !== searchCount) {
      return;
    }
    results = found;
    if (!results.length) {
      status.textContent = `没有找到信息（${description}）。可以换用其他词语、减少筛选条件，或通过信息公开目录按类目查找。`;
      return;
    }
    await showMore(search, false);
    if (search === searchCount) {
      status.textContent = countNote();
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = queryFrom(new FormData(form));
    const params = new URLSearchParams();
    fields.forEach((name) => { if (query[name]) { params.set(name, query[name]); } });
    history.pushState(null, "", `?${params}`);
    run(query);
  });

  moreButton.addEventListener("click", async () => {
    await showMore(searchCount, true);
    status.textContent = countNote();
  });

  window.addEventListener("popstate", () => {
    const query = queryFrom(new URLSearchParams(location.search));
    fillForm(query);
    run(query);
  });

  const initial = queryFrom(new URLSearchParams(location.search));
  fillForm(initial);
  if (initial.q || initial.node || initial.year) {
    run(initial);
  } else {
    loadIndexes().catch(() => {});
  }
})();

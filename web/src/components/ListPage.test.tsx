import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { renderWithProviders } from "../test-utils";
import { ListPage, type ListSource, type Paged } from "./ListPage";

interface Row {
  id: number;
  name: string;
}

const columns = [{ key: "name", dataIndex: "name", title: "名称" }];
const source = (data: Paged<Row> | undefined, error: unknown = null): ListSource<Row> => ({ data, loading: false, error, reload: vi.fn() });
const paging = (onChange = vi.fn()) => ({ page: 1, pageSize: 20, onChange });

describe("ListPage", () => {
  it("shows the records, their total, the filters in force and the export", () => {
    const run = vi.fn();
    const remove = vi.fn();
    renderWithProviders(
      <ListPage<Row>
        list={source({ items: [{ id: 1, name: "清涧街道" }], total: 527, page: 1, pageSize: 20 })}
        columns={columns}
        testId="rows"
        empty="没有记录"
        paging={paging()}
        tags={[{ key: "org", label: "组织：清涧街道", onRemove: remove }]}
        export={{ run, exporting: false, testId: "rows-export" }}
      />,
    );
    expect(within(screen.getByTestId("rows")).getByText("清涧街道")).toBeTruthy();
    expect(screen.getByTestId("list-total").getAttribute("data-total")).toBe("527");
    expect(screen.getByTestId("filter-tag-org").textContent).toContain("组织：清涧街道");
    fireEvent.click(screen.getByTestId("rows-export"));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("says so when no record meets the filters", () => {
    renderWithProviders(<ListPage<Row> list={source({ items: [], total: 0 })} columns={columns} testId="rows" empty="没有记录" paging={paging()} />);
    expect(screen.getByText("没有记录")).toBeTruthy();
    expect(screen.getByTestId("list-total").getAttribute("data-total")).toBe("0");
  });

  it("shows why the list failed, with a retry, instead of an empty list", () => {
    const failed = source(undefined, new ApiError({ status: 500, code: "internal", message: "boom" }));
    renderWithProviders(<ListPage<Row> list={failed} columns={columns} testId="rows" empty="没有记录" paging={paging()} />);
    expect(screen.queryByText("没有记录")).toBeNull();
    expect(screen.queryByTestId("list-total")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /重\s?试/ }));
    expect(failed.reload).toHaveBeenCalledTimes(1);
  });

  it("moves between pages, and starts again at the first when the page size changes", () => {
    // A wide screen: every media query matches.
    const narrow = window.matchMedia;
    vi.spyOn(window, "matchMedia").mockImplementation((query) => ({ ...narrow(query), matches: true }));
    const onChange = vi.fn();
    const items = Array.from({ length: 20 }, (_, i) => ({ id: i + 41, name: `第${i + 41}条` }));
    renderWithProviders(
      <ListPage<Row> list={source({ items, total: 95, page: 3, pageSize: 20 })} columns={columns} testId="rows" empty="没有记录" paging={{ page: 3, pageSize: 20, onChange }} />,
    );
    fireEvent.click(screen.getByTitle("4"));
    expect(onChange).toHaveBeenLastCalledWith(4, 20);
    fireEvent.mouseDown(screen.getByRole("combobox"));
    fireEvent.click(screen.getByTitle("50 / page"));
    expect(onChange).toHaveBeenLastCalledWith(1, 50);
    vi.restoreAllMocks();
  });

  it("on a phone pages by next and previous, without a size changer", () => {
    const onChange = vi.fn();
    const items = Array.from({ length: 20 }, (_, i) => ({ id: i + 41, name: `第${i + 41}条` }));
    renderWithProviders(
      <ListPage<Row> list={source({ items, total: 95, page: 3, pageSize: 20 })} columns={columns} testId="rows" empty="没有记录" paging={{ page: 3, pageSize: 20, onChange }} />,
    );
    expect(screen.queryByRole("combobox")).toBeNull();
    fireEvent.click(screen.getByTitle("Next Page"));
    expect(onChange).toHaveBeenLastCalledWith(4, 20);
  });
});

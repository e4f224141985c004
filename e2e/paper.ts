import type { Page } from "playwright-core";

/** Answers the question on screen, whatever its type, and waits until the server has kept it. */
export async function answer(page: Page): Promise<void> {
  const question = page.getByTestId("paper-question");
  if (await question.getByTestId("option-A").count()) {
    await question.getByTestId("option-A").click();
    if (await question.getByText("多选题").count()) await question.getByTestId("option-B").click();
  } else if (await question.getByTestId("option-true").count()) {
    await question.getByTestId("option-true").click();
  } else {
    await question.getByTestId("answer-text").fill("压实责任，建立台账，依靠群众，跟踪问效。");
    await question.getByTestId("paper-stem").click();
  }
  await question.getByText("已保存").waitFor();
}

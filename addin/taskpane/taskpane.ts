/** Excel task pane entry (placeholder until the Excel issue fills it). */
export {};

//! The first paint in index.html (shown while the app loads) says what the
//! app then draws in its place: the first lesson's title, goal, first step
//! title and opening paragraph, word for word, and the number of its steps
//! (in words and dots) and of the lessons.

use many_nodes::lessons::LESSONS;

#[test]
fn the_first_paint_quotes_the_first_lesson() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).expect("index.html");
    let lesson = LESSONS[0];
    let step = &lesson.steps[0];
    for expected in [
        format!(r#"<p class="lesson-kicker">Lesson 1 of {}</p>"#, LESSONS.len()),
        format!(r#"<h2 class="lesson-heading">{}</h2>"#, lesson.title),
        format!(r#"<p class="lesson-goal">{}</p>"#, lesson.goal),
        format!(
            r#"<h3 class="step-title">Step 1 of {}: {}</h3>"#,
            lesson.steps.len(),
            step.title
        ),
        format!("<p>{}</p>", step.text[0]),
        format!("lesson={}", lesson.slug),
    ] {
        assert!(page.contains(&expected), "index.html's first paint lacks {expected}");
    }
    assert_eq!(
        page.matches(r#"class="step-dot""#).count(),
        lesson.steps.len(),
        "one step dot a step"
    );
}
